package org.turnout.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** First values as CloudFormation's GenerateSecretString makes them. */
class GeneratedSecretTest {

    @RepeatedTest(20)
    void everyIncludedClassAppearsAndExcludedCharactersNever() {
        String password = GeneratedSecret.password(Map.of("PasswordLength", 8, "ExcludeCharacters", "0123456789abcdefghijklm\"'\\"));
        assertThat(password).hasSize(8).doesNotContainPattern("[0-9a-m\"'\\\\]")
                .containsPattern("[n-z]").containsPattern("[A-Z]").containsPattern("[^A-Za-z0-9]");
    }

    @Test
    void theDefaultIs32CharactersOfEveryClass() {
        assertThat(GeneratedSecret.password(Map.of())).hasSize(32);
        assertThat(GeneratedSecret.password(Map.of("ExcludePunctuation", true, "ExcludeUppercase", "true", "PasswordLength", "40")))
                .matches("[a-z0-9]{40}");
    }

    @Test
    void aTemplatePutsThePasswordUnderItsKeyAndAGivenStringIsKept() {
        String value = GeneratedSecret.initialValue(Map.of("GenerateSecretString", Map.of("SecretStringTemplate", "{\"kid\":\"initial\"}",
                "GenerateStringKey", "secret", "ExcludePunctuation", true)), "Keys");
        assertThat(value).matches("\\{\"kid\":\"initial\",\"secret\":\"[A-Za-z0-9]{32}\"}");
        assertThat(GeneratedSecret.initialValue(Map.of("SecretString", "given"), "Given")).isEqualTo("given");
        assertThatThrownBy(() -> GeneratedSecret.initialValue(Map.of(), "Empty")).hasMessageContaining("Empty");
        assertThatThrownBy(() -> GeneratedSecret.password(Map.of("PasswordLength", 2))).hasMessageContaining("length 2");
    }
}
