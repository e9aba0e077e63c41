package dev.aistorctl.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

class YamlValuesTest {
    enum Flavour { MINIO, S3PROXY }

    @Test
    void values_of_the_wrong_type_are_reported_with_a_hint_and_reading_goes_on() {
        YamlDocument doc = YamlReader.of("inventory").parse("v.yaml",
                "port: \"22\"\nflavour: minoi\nname: [a]\nuser:\nsecret_token: hunter2\n");
        Problems problems = doc.collecting();
        YamlValues values = new YamlValues(problems);
        MappingFields f = new MappingFields((MappingNode) doc.root(), "", null, problems);

        assertThat(values.integer(f.get("port"), "ssh port", 1, 65535)).isNull();
        assertThat(values.choice(f.get("flavour"), "flavour", Flavour.class)).isNull();
        assertThat(values.text(f.get("name"), "name")).isNull();
        assertThat(values.text(f.get("user"), "user")).isNull();
        Node token = f.get("secret_token");
        problems.secret(values.text(token, "secret_token"));
        problems.at(token, "secret_token must not be written out (hunter2)", "");

        assertThat(problems.list()).extracting(Problem::oneLine).containsExactly(
                "v.yaml:1:7: ssh port must be a whole number, not '22'; remove the quotes",
                "v.yaml:2:10: unknown flavour 'minoi'; did you mean 'minio'?",
                "v.yaml:3:7: name must be a single value, not a list",
                "v.yaml:4:6: user has no value",
                "v.yaml:5:15: secret_token must not be written out (<redacted>)");
        assertThat(problems.list().get(4).offendingText()).isEqualTo("secret_token: <redacted>");
    }

    @Test
    void a_whole_number_out_of_range_says_the_range() {
        YamlDocument doc = YamlReader.of("inventory").parse("v.yaml", "port: 70000\n");
        Problems problems = doc.collecting();

        Long port = new YamlValues(problems).whole(((MappingNode) doc.root()).getValue().get(0).getValueNode(), "api_port", 1, 65535);

        assertThat(port).isNull();
        assertThat(problems.list()).extracting(Problem::render)
                .containsExactly("v.yaml:1:7: api_port 70000 is out of range 1-65535\n    port: 70000");
    }
}
