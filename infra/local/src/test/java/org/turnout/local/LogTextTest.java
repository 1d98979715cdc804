package org.turnout.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void controlCharactersAndSeparatorsBecomeEscapesAndOtherTextIsKept() {
        assertThat(LogText.escape("/v1/orgs/démo/signups")).isEqualTo("/v1/orgs/démo/signups");
        assertThat(LogText.escape("a\nb\r\tc")).isEqualTo("a\\nb\\r\\tc");
        assertThat(LogText.escape("fake\u001b[31m\u0000\u007f\u0085")).isEqualTo("fake\\u001b[31m\\u0000\\u007f\\u0085");
        assertThat(LogText.escape("line\u2028sep\u202eevil")).isEqualTo("line\\u2028sep\\u202eevil");
        assertThat(LogText.escape("C:\\n")).as("a backslash cannot pass for an escape").isEqualTo("C:\\\\n");
        assertThat(LogText.escape(null)).isEqualTo("-");
    }
}
