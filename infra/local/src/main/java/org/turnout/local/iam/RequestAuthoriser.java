package org.turnout.local.iam;

import java.util.List;
import java.util.Map;

/**
 * The local stack's IAM, for any local API server (the fronts of the emulators, the Lambda and Scheduler APIs, and
 * any other the runner serves): it authenticates the request's SigV4 signature (the {@code Authorization} header,
 * or a presigned URL's {@code X-Amz-Credential}) to a principal, then evaluates that principal's policies from
 * template.yaml for each access the request needs. A server derives the accesses from the request as AWS does,
 * calls {@link #authorise}, and if refused answers with its service's own error for {@link Decision.Reason}.
 * The refusal is logged by the authoriser, naming the principal, the action and the resource.
 */
public interface RequestAuthoriser {

    Decision authorise(SignedRequest request, List<Access> accesses);

    default Decision authorise(SignedRequest request, String action, List<String> resources,
                               Map<String, List<String>> context) {
        return authorise(request, resources.stream().map(resource -> new Access(action, resource, context)).toList());
    }

    /** Whether the principal may, without logging a refusal: for answers that depend on a permission (S3's 403 or 404). */
    boolean allows(Principal principal, Access access);
}
