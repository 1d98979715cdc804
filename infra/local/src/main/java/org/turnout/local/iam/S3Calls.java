package org.turnout.local.iam;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3's REST API in path style ({@code /bucket/key?subresource}): the action from the method, the path and the
 * subresource, as S3 authorises it (HEAD of an object is {@code s3:GetObject}, a listing {@code s3:ListBucket} with
 * {@code s3:prefix}, a multipart part {@code s3:PutObject}, a copy also {@code s3:GetObject} on its source, a
 * multi-object delete {@code s3:DeleteObject} on each key); presigned URLs are attributed to their signer. A
 * refusal is a 403 {@code AccessDenied} XML, and so is a missing key to whom may not list the bucket.
 */
final class S3Calls implements ServiceCalls {

    private static final Pattern DELETE_KEY = Pattern.compile("<Key>([^<]*)</Key>");

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public boolean readsBody(String method, String rawPath, String rawQuery) {
        // only a multi-object delete names resources in its body; objects stream through
        return method.equals("POST") && SigV4.decodedQuery(rawQuery).containsKey("delete");
    }

    @Override
    public List<Access> accesses(SignedRequest request) {
        String path = request.rawPath() == null ? "/" : request.rawPath();
        Map<String, String> query = SigV4.decodedQuery(request.rawQuery());
        String method = request.method();
        int slash = path.indexOf('/', 1);
        String bucket = SigV4.percentDecode(slash < 0 ? path.substring(1) : path.substring(1, slash));
        String key = slash < 0 ? "" : SigV4.percentDecode(path.substring(slash + 1));
        if (bucket.isEmpty()) {
            return List.of(Access.of("s3:ListAllMyBuckets", "*"));
        }
        String bucketArn = "arn:aws:s3:::" + bucket;
        if (key.isEmpty()) {
            return bucketAccesses(request, method, query, bucket, bucketArn);
        }
        String objectArn = bucketArn + "/" + key;
        String action = switch (method) {
            case "GET", "HEAD" -> query.containsKey("tagging") ? "s3:GetObjectTagging" : query.containsKey("acl") ? "s3:GetObjectAcl"
                    : query.containsKey("uploadId") ? "s3:ListMultipartUploadParts" : query.containsKey("attributes")
                    ? "s3:GetObjectAttributes" : query.containsKey("versionId") ? "s3:GetObjectVersion" : "s3:GetObject";
            case "PUT" -> query.containsKey("tagging") ? "s3:PutObjectTagging" : query.containsKey("acl") ? "s3:PutObjectAcl"
                    : "s3:PutObject";
            case "POST" -> query.containsKey("restore") ? "s3:RestoreObject" : "s3:PutObject";
            case "DELETE" -> query.containsKey("uploadId") ? "s3:AbortMultipartUpload" : query.containsKey("tagging")
                    ? "s3:DeleteObjectTagging" : "s3:DeleteObject";
            default -> "s3:" + method;
        };
        List<Access> accesses = new ArrayList<>();
        accesses.add(Access.of(action, objectArn));
        String copySource = request.header("x-amz-copy-source");
        if (method.equals("PUT") && copySource != null) {
            String source = SigV4.percentDecode(copySource.replaceFirst("^/", "").replaceFirst("\\?versionId=.*$", ""));
            accesses.add(Access.of("s3:GetObject", "arn:aws:s3:::" + source));
        }
        return accesses;
    }

    private static List<Access> bucketAccesses(SignedRequest request, String method, Map<String, String> query,
                                               String bucket, String bucketArn) {
        String action = switch (method) {
            case "GET" -> query.containsKey("location") ? "s3:GetBucketLocation" : query.containsKey("notification")
                    ? "s3:GetBucketNotification" : query.containsKey("uploads") ? "s3:ListBucketMultipartUploads"
                    : query.containsKey("versions") ? "s3:ListBucketVersions" : query.containsKey("policy") ? "s3:GetBucketPolicy"
                    : query.containsKey("acl") ? "s3:GetBucketAcl" : query.containsKey("cors") ? "s3:GetBucketCORS"
                    : query.containsKey("lifecycle") ? "s3:GetLifecycleConfiguration" : query.containsKey("tagging")
                    ? "s3:GetBucketTagging" : query.containsKey("encryption") ? "s3:GetEncryptionConfiguration"
                    : query.containsKey("versioning") ? "s3:GetBucketVersioning" : "s3:ListBucket";
            case "HEAD" -> "s3:ListBucket";
            case "PUT" -> query.containsKey("notification") ? "s3:PutBucketNotification" : query.containsKey("lifecycle")
                    ? "s3:PutLifecycleConfiguration" : query.containsKey("policy") ? "s3:PutBucketPolicy"
                    : query.containsKey("cors") ? "s3:PutBucketCORS" : query.containsKey("tagging") ? "s3:PutBucketTagging"
                    : query.containsKey("encryption") ? "s3:PutEncryptionConfiguration" : query.containsKey("versioning")
                    ? "s3:PutBucketVersioning" : query.containsKey("publicAccessBlock") ? "s3:PutBucketPublicAccessBlock"
                    : query.containsKey("acl") ? "s3:PutBucketAcl" : "s3:CreateBucket";
            case "DELETE" -> query.containsKey("policy") ? "s3:DeleteBucketPolicy" : query.containsKey("cors")
                    ? "s3:PutBucketCORS" : query.containsKey("lifecycle") ? "s3:PutLifecycleConfiguration"
                    : query.containsKey("tagging") ? "s3:PutBucketTagging" : "s3:DeleteBucket";
            case "POST" -> query.containsKey("delete") ? "s3:DeleteObject" : "s3:PutObject";
            default -> "s3:" + method;
        };
        if (method.equals("POST") && query.containsKey("delete")) {
            List<Access> accesses = new ArrayList<>();
            Matcher keys = DELETE_KEY.matcher(request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
            while (keys.find()) {
                accesses.add(Access.of("s3:DeleteObject", bucketArn + "/" + unescapeXml(keys.group(1))));
            }
            return accesses.isEmpty() ? List.of(Access.of("s3:DeleteObject", bucketArn + "/*")) : accesses;
        }
        if (action.equals("s3:ListBucket") && method.equals("GET")) {
            Map<String, List<String>> context = new LinkedHashMap<>();
            context.put("s3:prefix", List.of(query.getOrDefault("prefix", "")));
            Optional.ofNullable(query.get("delimiter")).ifPresent(delimiter -> context.put("s3:delimiter", List.of(delimiter)));
            Optional.ofNullable(query.get("max-keys")).ifPresent(max -> context.put("s3:max-keys", List.of(max)));
            return List.of(new Access(action, bucketArn, context));
        }
        return List.of(Access.of(action, bucketArn));
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    @Override
    public Answer refusal(SignedRequest request, Decision.Refusal refusal) {
        String code = switch (refusal.reason()) {
            case ACCESS_DENIED, MISSING_AUTHENTICATION -> "AccessDenied";
            case UNKNOWN_ACCESS_KEY -> "InvalidAccessKeyId";
            case SIGNATURE_MISMATCH -> "SignatureDoesNotMatch";
            case EXPIRED -> "AccessDenied";
        };
        String message = switch (refusal.reason()) {
            case ACCESS_DENIED, MISSING_AUTHENTICATION -> "Access Denied";
            case UNKNOWN_ACCESS_KEY -> "The AWS Access Key Id you provided does not exist in our records.";
            default -> refusal.message();
        };
        return accessDenied(request, code, message);
    }

    private static Answer accessDenied(SignedRequest request, String code, String message) {
        String requestId = ServiceCalls.requestId().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + ServiceCalls.xmlText(message) + "</Message><RequestId>" + requestId + "</RequestId><HostId>local</HostId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        // a HEAD answer carries no body: the SDK reads the status alone
        return new Answer(403, Map.of("Content-Type", "application/xml", "x-amz-request-id", requestId),
                request.method().equals("HEAD") ? new byte[0] : body);
    }

    /** S3 answers a missing key with 404 only to whom may list the bucket; to anyone else, 403 (no hint that it is missing). */
    @Override
    public Optional<Answer> replace(SignedRequest request, Principal principal, int status, RequestAuthoriser authoriser) {
        if (status != 404 || !(request.method().equals("GET") || request.method().equals("HEAD"))) {
            return Optional.empty();
        }
        String path = request.rawPath() == null ? "/" : request.rawPath();
        int slash = path.indexOf('/', 1);
        if (slash < 0 || slash == path.length() - 1) {
            return Optional.empty();
        }
        String bucket = SigV4.percentDecode(path.substring(1, slash));
        return authoriser.allows(principal, Access.of("s3:ListBucket", "arn:aws:s3:::" + bucket))
                ? Optional.empty() : Optional.of(accessDenied(request, "AccessDenied", "Access Denied"));
    }
}
