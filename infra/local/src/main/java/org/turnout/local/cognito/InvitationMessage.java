package org.turnout.local.cognito;

import org.turnout.local.CloudFormationTemplate;

/**
 * The invitation e-mail of template.yaml's user pool ({@code AdminCreateUserConfig.InviteMessageTemplate}), with
 * Cognito's placeholders: {@code {username}} and {@code {####}}, the temporary password.
 */
public record InvitationMessage(String subject, String template) {

    public static final InvitationMessage DEFAULT = new InvitationMessage("Your temporary password",
            "Your username is {username} and temporary password is {####}.");

    /** The message of the template's first user pool, else Cognito's default. */
    public static InvitationMessage fromTemplate(CloudFormationTemplate template) {
        return template.resourcesOfType("AWS::Cognito::UserPool").stream().findFirst()
                .map(pool -> pool.properties().get("AdminCreateUserConfig"))
                .map(config -> CloudFormationTemplate.mapOf(config, "AdminCreateUserConfig").get("InviteMessageTemplate"))
                .map(message -> CloudFormationTemplate.mapOf(message, "InviteMessageTemplate"))
                .map(message -> new InvitationMessage(String.valueOf(message.getOrDefault("EmailSubject", DEFAULT.subject())),
                        String.valueOf(message.getOrDefault("EmailMessage", DEFAULT.template()))))
                .orElse(DEFAULT);
    }

    String body(String username, String temporaryPassword) {
        return template.replace("{username}", username).replace("{####}", temporaryPassword);
    }
}
