package dev.aistorctl.playbooks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesEverythingThatCanEndATextOrAnAttribute() {
        assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.escape("a\"b'c`d=e&f")).doesNotContain("\"", "'", "`", "=").contains("&amp;");
    }

    @Test
    void escapesEveryStringOfAModelAtAnyDepthAndKeepsNumbersAndFlags() {
        Object safe = Html.escapeTree(Map.of("hosts", List.of(Map.of("name", "<b>", "drives", 4, "ok", true))));
        assertThat(safe).isEqualTo(Map.of("hosts", List.of(Map.of("name", "&lt;b&gt;", "drives", 4, "ok", true))));
    }

    @Test
    void refusesValuesThatWouldReachThePageThroughToString() {
        assertThatThrownBy(() -> Html.escapeTree(Map.of("when", java.time.Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
    }

    @Test
    void masksCredentialAssignmentsButLeavesRedactedOnesAndPlainTextAlone() {
        assertThat(Redaction.text("MINIO_ROOT_PASSWORD=hunter2 MINIO_ROOT_USER=admin"))
                .isEqualTo("MINIO_ROOT_PASSWORD=<redacted> MINIO_ROOT_USER=admin");
        assertThat(Redaction.text("secret_key: abc123")).isEqualTo("secret_key: <redacted>");
        assertThat(Redaction.text("MINIO_ROOT_PASSWORD=<redacted>")).isEqualTo("MINIO_ROOT_PASSWORD=<redacted>");
        assertThat(Redaction.text("sha256 f52d120471e7 (credential redacted), 0640")).isEqualTo("sha256 f52d120471e7 (credential redacted), 0640");
    }
}
