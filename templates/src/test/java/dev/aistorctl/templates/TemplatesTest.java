package dev.aistorctl.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplatesTest {
    private final Templates templates = new Templates();

    @Test
    void rendersListsInOrderAndKeepsConfigTextUnescaped() {
        String text = templates.render("sample.conf", Map.of(
                "cluster", "dc1-aistor",
                "settings", List.of(
                        Map.of("key", "net.ipv4.tcp_rmem", "value", "4096 1048576 67108864"),
                        Map.of("key", "quoted", "value", "\"a&b\" <c>"))));

        assertThat(text).isEqualTo("""
                # rendered for dc1-aistor
                net.ipv4.tcp_rmem = 4096 1048576 67108864
                quoted = "a&b" <c>
                """);
    }

    @Test
    void unknownTemplateIsAClearError() {
        assertThatThrownBy(() -> templates.render("nope.service", Map.of()))
                .hasMessageContaining("no template named 'nope.service'");
    }

    @Test
    void singleLineValuesRefuseALineBreakOrControlCharacterInAnyValue() {
        Templates strict = Templates.singleLineValues();
        assertThatThrownBy(() -> strict.render("sample.conf", Map.of("cluster", "dc1\n[Service]", "settings", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template sample.conf: value 'cluster' contains a control character (U+000A); values must be one line");
        assertThatThrownBy(() -> strict.render("sample.conf", Map.of("cluster", "dc1",
                "settings", List.of(Map.of("key", "k", "value", "1\u0000")))))
                .hasMessage("template sample.conf: value 'settings.value' contains a control character (U+0000); values must be one line");
        assertThat(strict.render("sample.conf", Map.of("cluster", "dc1", "settings", List.of(Map.of("key", "k", "value", 3L)))))
                .isEqualTo("# rendered for dc1\nk = 3\n");
    }
}
