package org.turnout.local.iam;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LogText;
import org.turnout.local.Provisioned;

/**
 * IAM as the local stack plays it: each function of template.yaml gets temporary credentials of its own, as its
 * execution role gives it in Lambda, and so does each role of the template ({@code SchedulerRole}); the stack's
 * long-term key ({@code test}/{@code test}, in endpoints.env) is the administrator's. A request is authenticated by
 * its SigV4 signature and authorised against its principal's policies in template.yaml (inline statements and SAM
 * policy templates, intrinsics resolved to the local ARNs). Every refusal is logged with the principal, the action
 * and the resource.
 */
public final class LocalIam implements RequestAuthoriser {

    public static final String ADMINISTRATOR = "administrator";

    private final Map<String, Principal> principals;
    private final Map<String, Credentials> credentials;
    /** role ARN -> the principal of its sessions, for what a service does as a role (the Scheduler's target calls) */
    private final Map<String, String> roles;
    private final Map<String, Principal> byAccessKey = new ConcurrentHashMap<>();
    private final Map<String, Credentials> secretsByAccessKey = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Consumer<String> log;

    private LocalIam(Map<String, Principal> principals, Map<String, String> roles, Credentials administrator, Clock clock,
                     Consumer<String> log) {
        this.principals = Map.copyOf(principals);
        this.roles = Map.copyOf(roles);
        this.clock = clock;
        this.log = log;
        Map<String, Credentials> issued = new LinkedHashMap<>();
        principals.keySet().forEach(name -> issued.put(name, Credentials.temporary()));
        this.credentials = Map.copyOf(issued);
        Principal admin = new Principal(ADMINISTRATOR, "arn:aws:iam::" + LocalAwsStack.ACCOUNT_ID + ":root", List.of(), true);
        register(admin, administrator);
        issued.forEach((name, keys) -> register(principals.get(name), keys));
    }

    private void register(Principal principal, Credentials keys) {
        byAccessKey.put(keys.accessKeyId(), principal);
        secretsByAccessKey.put(keys.accessKeyId(), keys);
    }

    /**
     * The functions' and roles' principals of the template as provisioned, the administrator with {@code administrator}.
     *
     * @throws IllegalArgumentException if a policy cannot be evaluated faithfully (an unknown SAM policy template,
     *                                  managed policy or condition operator)
     */
    public static LocalIam fromTemplate(CloudFormationTemplate template, Provisioned provisioned, Credentials administrator,
                                        Clock clock, Consumer<String> log) {
        Map<String, Principal> principals = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        for (CloudFormationTemplate.Resource role : template.resourcesOfType("AWS::IAM::Role")) {
            String name = provisioned.physicalName(role.logicalId());
            roles.put(provisioned.attribute(role.logicalId(), "Arn"), role.logicalId());
            principals.put(role.logicalId(), new Principal(role.logicalId(),
                    "arn:aws:sts::" + LocalAwsStack.ACCOUNT_ID + ":assumed-role/" + name + "/local",
                    roleStatements(provisioned, role.logicalId()), false));
        }
        List<CloudFormationTemplate.Resource> functions = new ArrayList<>(template.resourcesOfType("AWS::Serverless::Function"));
        functions.addAll(template.resourcesOfType("AWS::Lambda::Function"));
        for (CloudFormationTemplate.Resource function : functions) {
            String logicalId = function.logicalId();
            String functionName = provisioned.physicalName(logicalId);
            Optional<Object> role = provisioned.resolvedFunctionProperty(logicalId, "Role", Map.of());
            List<Statement> statements;
            String roleName;
            if (role.isPresent()) {
                String roleArn = String.valueOf(role.get());
                String roleLogicalId = template.resourcesOfType("AWS::IAM::Role").stream().map(CloudFormationTemplate.Resource::logicalId)
                        .filter(id -> provisioned.attribute(id, "Arn").equals(roleArn)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(logicalId + ".Role " + roleArn
                                + " is not a role of template.yaml: the local stack cannot know its policies"));
                statements = roleStatements(provisioned, roleLogicalId);
                roleName = provisioned.physicalName(roleLogicalId);
            } else {
                statements = new ArrayList<>(functionStatements(provisioned.resolvedFunctionProperty(logicalId, "Policies", Map.of())
                        .orElse(List.of()), logicalId + ".Policies"));
                statements.addAll(destinationStatements(provisioned.resolvedFunctionProperty(logicalId, "EventInvokeConfig",
                        Map.of()).orElse(Map.of()), logicalId));
                // SAM names the role it creates after the function
                roleName = Provisioned.STACK_NAME + "-" + logicalId.toLowerCase(Locale.ROOT) + "role";
            }
            principals.put(logicalId, new Principal(logicalId, "arn:aws:sts::" + LocalAwsStack.ACCOUNT_ID + ":assumed-role/"
                    + roleName + "/" + functionName, statements, false));
        }
        return new LocalIam(principals, roles, administrator, clock, log);
    }

    /**
     * For tests of the authoriser itself and of the local APIs: the given principals, each with fresh credentials.
     *
     * @param roles role ARN -> the name of the principal that its sessions are
     */
    public static LocalIam of(List<Principal> principals, Map<String, String> roles, Credentials administrator, Clock clock,
                              Consumer<String> log) {
        Map<String, Principal> byName = new LinkedHashMap<>();
        principals.forEach(principal -> byName.put(principal.name(), principal));
        return new LocalIam(byName, roles, administrator, clock, log);
    }

    /**
     * What a service does as a role it was given (the Scheduler invoking a schedule's target as its {@code RoleArn}):
     * refused if the role is not one of the template's, else as the role's policies say.
     */
    public Decision authoriseRole(String roleArn, List<Access> accesses) {
        String name = roleArn == null ? null : roles.get(roleArn);
        if (name == null) {
            log.accept("[IAM] refused: the role " + LogText.escape(roleArn) + " is not a role of template.yaml");
            return Decision.refused(null, Decision.Reason.ACCESS_DENIED, "The role " + roleArn + " cannot be assumed");
        }
        return authoriseAs(principals.get(name), accesses);
    }

    /** The credentials of a function's execution role, or of a role, by logical id. */
    public Credentials credentials(String logicalId) {
        Credentials keys = credentials.get(logicalId);
        if (keys == null) {
            throw new IllegalArgumentException("template.yaml has no function or role " + logicalId + " (it has "
                    + String.join(", ", credentials.keySet()) + ")");
        }
        return keys;
    }

    public Principal principal(String logicalId) {
        credentials(logicalId);
        return principals.get(logicalId);
    }

    public Set<String> principalNames() {
        return principals.keySet();
    }

    @Override
    public Decision authorise(SignedRequest request, List<Access> accesses) {
        Optional<SigV4.Signed> signed;
        try {
            signed = SigV4.read(request);
        } catch (SigV4.MalformedSignature e) {
            return refuse(null, Decision.Reason.SIGNATURE_MISMATCH, e.getMessage(), request);
        }
        if (signed.isEmpty()) {
            return refuse(null, Decision.Reason.MISSING_AUTHENTICATION,
                    "Request is missing Authentication Token", request);
        }
        SigV4.Signed claim = signed.get();
        Principal principal = byAccessKey.get(claim.accessKeyId());
        Credentials keys = secretsByAccessKey.get(claim.accessKeyId());
        if (principal == null) {
            return refuse(null, Decision.Reason.UNKNOWN_ACCESS_KEY,
                    "The security token included in the request is invalid.", request);
        }
        if (keys.sessionToken() != null && !keys.sessionToken().equals(claim.securityToken())) {
            return refuse(principal, Decision.Reason.UNKNOWN_ACCESS_KEY,
                    "The security token included in the request is invalid.", request);
        }
        if (!claim.region().equals(LocalAwsStack.REGION) || !claim.service().equals(request.service())) {
            return refuse(principal, Decision.Reason.SIGNATURE_MISMATCH, "Credential should be scoped to a valid region "
                    + LocalAwsStack.REGION + " and service " + request.service() + ", not " + claim.region() + "/" + claim.service(), request);
        }
        Optional<String> mismatch = SigV4.mismatch(request, claim, keys.secretAccessKey(), clock);
        if (mismatch.isPresent()) {
            Decision.Reason reason = mismatch.get().startsWith("Request has expired") ? Decision.Reason.EXPIRED : Decision.Reason.SIGNATURE_MISMATCH;
            return refuse(principal, reason, mismatch.get(), request);
        }
        return authoriseAs(principal, accesses);
    }

    /** A principal's own call, already authenticated: the Scheduler invoking its target as its role, for instance. */
    public Decision authoriseAs(Principal principal, List<Access> accesses) {
        if (principal.administrator()) {
            return Decision.allowed(principal);
        }
        for (Access access : accesses) {
            PolicyEvaluator.Verdict verdict = PolicyEvaluator.evaluate(principal.statements(), access.action(),
                    access.resource(), context(principal, access));
            if (!verdict.allowed()) {
                String because = verdict.outcome() == PolicyEvaluator.Outcome.EXPLICITLY_DENIED
                        ? "with an explicit deny in an identity-based policy (" + verdict.statement().orElse("") + ")"
                        : "because no identity-based policy allows the " + access.action() + " action";
                log.accept("[IAM] refused: " + principal.name() + " may not " + access.action() + " on "
                        + LogText.escape(access.resource()) + " (" + (verdict.outcome() == PolicyEvaluator.Outcome.EXPLICITLY_DENIED
                        ? "explicit deny " + verdict.statement().orElse("") : "no statement allows it") + ")");
                return Decision.refused(principal, Decision.Reason.ACCESS_DENIED, "User: " + principal.arn()
                        + " is not authorized to perform: " + access.action() + " on resource: " + access.resource() + " " + because);
            }
        }
        return Decision.allowed(principal);
    }

    @Override
    public boolean allows(Principal principal, Access access) {
        return principal.administrator() || PolicyEvaluator.evaluate(principal.statements(), access.action(),
                access.resource(), context(principal, access)).allowed();
    }

    private static Map<String, List<String>> context(Principal principal, Access access) {
        Map<String, List<String>> context = new LinkedHashMap<>(access.context());
        context.putIfAbsent("aws:PrincipalArn", List.of(principal.arn()));
        context.putIfAbsent("aws:PrincipalAccount", List.of(LocalAwsStack.ACCOUNT_ID));
        context.putIfAbsent("aws:RequestedRegion", List.of(LocalAwsStack.REGION));
        // the local endpoints speak plain HTTP
        context.putIfAbsent("aws:SecureTransport", List.of("false"));
        return context;
    }

    private Decision refuse(Principal principal, Decision.Reason reason, String message, SignedRequest request) {
        log.accept("[IAM] refused: " + (principal == null ? "an unknown caller" : principal.name()) + " calling "
                + request.service() + " " + request.method() + " " + LogText.escape(request.rawPath()) + ": " + reason);
        return Decision.refused(principal, reason, message);
    }

    private static List<Statement> roleStatements(Provisioned provisioned, String roleLogicalId) {
        Map<String, Object> properties = provisioned.resolvedProperties(roleLogicalId, Map.of());
        List<Statement> statements = new ArrayList<>();
        Object policies = properties.get("Policies");
        if (policies instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object document = CloudFormationTemplate.mapOf(list.get(i), roleLogicalId + ".Policies[" + i + "]").get("PolicyDocument");
                statements.addAll(documentStatements(document, roleLogicalId + ".Policies[" + i + "].PolicyDocument"));
            }
        }
        Object managed = properties.get("ManagedPolicyArns");
        if (managed instanceof List<?> list) {
            list.forEach(arn -> SamPolicyTemplates.checkManaged(String.valueOf(arn), roleLogicalId + ".ManagedPolicyArns"));
        }
        return statements;
    }

    /** SAM's {@code Policies}: a managed policy's name or ARN, a SAM policy template, or an inline policy document. */
    static List<Statement> functionStatements(Object policies, String where) {
        List<?> list = policies instanceof List<?> items ? items : List.of(policies);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object policy = list.get(i);
            String at = where + "[" + i + "]";
            if (policy instanceof String managed) {
                SamPolicyTemplates.checkManaged(managed, at);
            } else if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                statements.addAll(documentStatements(map, at));
            } else if (policy instanceof Map<?, ?> map && map.size() == 1) {
                Map.Entry<?, ?> template = map.entrySet().iterator().next();
                Map<String, String> parameters = new LinkedHashMap<>();
                if (template.getValue() instanceof Map<?, ?> values) {
                    values.forEach((name, value) -> parameters.put(String.valueOf(name), String.valueOf(value)));
                }
                List<Map<String, Object>> expanded = SamPolicyTemplates.expand(String.valueOf(template.getKey()), parameters, at);
                for (int j = 0; j < expanded.size(); j++) {
                    statements.add(Statement.parse(expanded.get(j), at + "." + template.getKey() + "[" + j + "]"));
                }
            } else {
                throw new IllegalArgumentException(at + " is neither a policy document, a SAM policy template nor a managed policy: " + policy);
            }
        }
        return statements;
    }

    /** What SAM adds to the role it creates for the destinations of {@code EventInvokeConfig}, which Lambda calls as the function. */
    private static List<Statement> destinationStatements(Object eventInvokeConfig, String logicalId) {
        Object destinations = CloudFormationTemplate.mapOf(eventInvokeConfig, logicalId + ".EventInvokeConfig").get("DestinationConfig");
        if (destinations == null) {
            return List.of();
        }
        List<Statement> statements = new ArrayList<>();
        CloudFormationTemplate.mapOf(destinations, logicalId + ".EventInvokeConfig.DestinationConfig").forEach((when, value) -> {
            Map<String, Object> destination = CloudFormationTemplate.mapOf(value, logicalId + ".EventInvokeConfig.DestinationConfig." + when);
            Object arn = destination.get("Destination");
            String action = switch (String.valueOf(destination.get("Type"))) {
                case "SQS" -> "sqs:SendMessage";
                case "SNS" -> "sns:Publish";
                case "Lambda" -> "lambda:InvokeFunction";
                case "EventBridge" -> "events:PutEvents";
                default -> null;
            };
            if (action != null && arn != null) {
                statements.add(Statement.parse(Map.of("Sid", "SamDestination" + when, "Effect", "Allow", "Action", action,
                        "Resource", String.valueOf(arn)), logicalId + ".EventInvokeConfig.DestinationConfig." + when));
            }
        });
        return statements;
    }

    private static List<Statement> documentStatements(Object document, String where) {
        Object statement = CloudFormationTemplate.mapOf(document, where).get("Statement");
        List<?> list = statement instanceof List<?> items ? items : List.of(statement);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            statements.add(Statement.parse(list.get(i), where + ".Statement[" + i + "]"));
        }
        return statements;
    }
}
