package org.turnout.local.secrets;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A secret's first value as CloudFormation makes it: its {@code SecretString}, or a random password as
 * {@code GenerateSecretString} describes it (length, excluded characters and character classes, each included class
 * at least once), alone or under {@code GenerateStringKey} in the JSON object of {@code SecretStringTemplate}.
 */
final class GeneratedSecret {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final int DEFAULT_LENGTH = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecret() {
    }

    static String initialValue(Map<String, Object> properties, String logicalId) {
        Object given = properties.get("SecretString");
        if (given != null) {
            return String.valueOf(given);
        }
        Object generate = properties.get("GenerateSecretString");
        if (!(generate instanceof Map<?, ?> settings)) {
            throw new IllegalArgumentException(logicalId + " has neither SecretString nor GenerateSecretString");
        }
        String password = password(settings);
        Object template = settings.get("SecretStringTemplate");
        Object key = settings.get("GenerateStringKey");
        if (template == null && key == null) {
            return password;
        }
        if (template == null || key == null) {
            throw new IllegalArgumentException(logicalId + ": SecretStringTemplate and GenerateStringKey go together");
        }
        try {
            ObjectNode object = (ObjectNode) JSON.readTree(String.valueOf(template));
            return object.put(String.valueOf(key), password).toString();
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException(logicalId + ": SecretStringTemplate is not a JSON object");
        }
    }

    static String password(Map<?, ?> settings) {
        int length = settings.containsKey("PasswordLength") ? Integer.parseInt(String.valueOf(settings.get("PasswordLength"))) : DEFAULT_LENGTH;
        String excluded = String.valueOf(settings.containsKey("ExcludeCharacters") ? settings.get("ExcludeCharacters") : "");
        List<String> classes = new ArrayList<>();
        addUnless(classes, settings, "ExcludeLowercase", LOWER, excluded);
        addUnless(classes, settings, "ExcludeUppercase", UPPER, excluded);
        addUnless(classes, settings, "ExcludeNumbers", DIGITS, excluded);
        addUnless(classes, settings, "ExcludePunctuation", PUNCTUATION, excluded);
        if (flag(settings, "IncludeSpace")) {
            classes.add(" ");
        }
        boolean eachClass = !settings.containsKey("RequireEachIncludedType") || flag(settings, "RequireEachIncludedType");
        if (classes.isEmpty() || length < 1 || (eachClass && length < classes.size())) {
            throw new IllegalArgumentException("GenerateSecretString cannot make a password of length " + length + " from these characters");
        }
        String all = String.join("", classes);
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = all.charAt(RANDOM.nextInt(all.length()));
        }
        if (eachClass) {
            // one character of each class, at distinct random places
            List<Integer> places = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                places.add(i);
            }
            Collections.shuffle(places, RANDOM);
            for (int c = 0; c < classes.size(); c++) {
                String chars = classes.get(c);
                password[places.get(c)] = chars.charAt(RANDOM.nextInt(chars.length()));
            }
        }
        return new String(password);
    }

    private static void addUnless(List<String> classes, Map<?, ?> settings, String exclusion, String chars, String excluded) {
        if (!flag(settings, exclusion)) {
            StringBuilder kept = new StringBuilder();
            chars.chars().filter(c -> excluded.indexOf(c) < 0).forEach(c -> kept.append((char) c));
            if (!kept.isEmpty()) {
                classes.add(kept.toString());
            }
        }
    }

    private static boolean flag(Map<?, ?> settings, String name) {
        return Boolean.parseBoolean(String.valueOf(settings.get(name)));
    }
}
