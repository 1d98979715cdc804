package org.turnout.local.cognito;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.turnout.local.CloudFormationTemplate;

/** The user pool's password policy, as template.yaml's {@code Policies.PasswordPolicy} states it. */
public record PasswordPolicy(int minimumLength, boolean lowercase, boolean uppercase, boolean numbers, boolean symbols) {

    /** Cognito's defaults, for a pool whose template says nothing. */
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, true, true, true, true);

    /** The policy of template.yaml's first user pool, else Cognito's default. */
    public static PasswordPolicy fromTemplate(CloudFormationTemplate template) {
        return template.resourcesOfType("AWS::Cognito::UserPool").stream().findFirst()
                .map(pool -> pool.properties().get("Policies"))
                .map(policies -> CloudFormationTemplate.mapOf(policies, "Policies").get("PasswordPolicy"))
                .map(policy -> of(CloudFormationTemplate.mapOf(policy, "PasswordPolicy")))
                .orElse(DEFAULT);
    }

    static PasswordPolicy of(Map<String, Object> policy) {
        return new PasswordPolicy(
                Integer.parseInt(String.valueOf(policy.getOrDefault("MinimumLength", DEFAULT.minimumLength()))),
                flag(policy, "RequireLowercase"), flag(policy, "RequireUppercase"), flag(policy, "RequireNumbers"),
                flag(policy, "RequireSymbols"));
    }

    /** What the password lacks, in Cognito's words; empty when it conforms. */
    List<String> shortcomings(String password) {
        List<String> missing = new ArrayList<>();
        if (password == null || password.length() < minimumLength) {
            missing.add("Password not long enough");
            return missing;
        }
        if (lowercase && password.chars().noneMatch(Character::isLowerCase)) {
            missing.add("Password must have lowercase characters");
        }
        if (uppercase && password.chars().noneMatch(Character::isUpperCase)) {
            missing.add("Password must have uppercase characters");
        }
        if (numbers && password.chars().noneMatch(Character::isDigit)) {
            missing.add("Password must have numeric characters");
        }
        if (symbols && password.chars().allMatch(Character::isLetterOrDigit)) {
            missing.add("Password must have symbol characters");
        }
        return missing;
    }

    private static boolean flag(Map<String, Object> policy, String name) {
        return Boolean.parseBoolean(String.valueOf(policy.getOrDefault(name, "true")));
    }
}
