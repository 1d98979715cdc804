package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SesAccountTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDefaultAccountSendsFourteenASecondAsANewProductionAccountDoes() throws Exception {
        JsonNode quota = JSON.readTree(SesAccount.JSON).path("SendQuota");
        assertThat(quota.path("MaxSendRate").asLong()).isEqualTo(14);
        assertThat(quota.path("Max24HourSend").asLong()).isEqualTo(50_000);
    }

    @Test
    void aBenchmarkCanRaiseTheRateAndTheRestOfTheAccountStaysValid() throws Exception {
        JsonNode account = JSON.readTree(SesAccount.json(100));
        assertThat(account.path("SendQuota").path("MaxSendRate").asLong()).isEqualTo(100);
        assertThat(account.path("SendingEnabled").asBoolean()).isTrue();
        assertThat(JSON.readTree(SesAccount.json(20.5)).path("SendQuota").path("MaxSendRate").asLong()).isEqualTo(21);
    }

    @Test
    void aRateOfNothingIsRefused() {
        assertThatThrownBy(() -> SesAccount.json(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MaxSendRate");
        assertThatThrownBy(() -> SesAccount.json(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
