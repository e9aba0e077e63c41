package dev.aistorctl.storagenode.drives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriveLabelTest {
    @Test
    void aLabelFitsXfsAndNamesClusterAndIndex() {
        DriveLabel l = DriveLabel.of("dc1-aistor", 7);
        assertThat(l.text()).hasSizeLessThanOrEqualTo(12).matches("[0-9a-f]{8}d07");
        assertThat(DriveLabel.parse(l.text())).contains(l);
        assertThat(l.belongsTo("dc1-aistor")).isTrue();
        assertThat(DriveLabel.of("drfix", 2).text()).isEqualTo("3c9ad769d02");
    }

    @Test
    void clustersWithTheSamePrefixDoNotShareLabels() {
        assertThat(DriveLabel.clusterTag("prod-east-1")).isNotEqualTo(DriveLabel.clusterTag("prod-east-2"));
        assertThat(DriveLabel.of("prod-east-1", 1).belongsTo("prod-east-2")).isFalse();
    }

    @Test
    void otherLabelsAreNotOurs() {
        for (String other : List.of("data", "scratch", "3c9ad769d00", "3C9AD769d01", "3c9ad769d1", "3c9ad769x01")) {
            assertThat(DriveLabel.parse(other)).as(other).isEmpty();
        }
        assertThatThrownBy(() -> DriveLabel.of("x", 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMarkerRoundTripsAndConfirmsOnlyItsOwnDrive() {
        Drive drive = Captures.device(Captures.discover(Captures.recorded("lab-blank"), Captures.labRule(), "drfix"), "loop40").drive();
        DriveMarker m = DriveMarker.of("drfix", 3, drive, "uuid-1", Instant.parse("2026-11-25T12:00:00Z"));

        String json = m.toJson();
        assertThat(json).contains("\"format\" : \"aistorctl-drive/1\"", "\"cluster\" : \"drfix\"", "\"index\" : 3",
                "\"label\" : \"3c9ad769d03\"", "\"created\" : \"2026-11-25T12:00:00Z\"");
        DriveMarker back = DriveMarker.parse(json);
        assertThat(back).isEqualTo(m);
        assertThat(back.confirms("drfix", 3, drive)).isTrue();
        assertThat(back.confirms("drfix", 2, drive)).isFalse();
        assertThat(back.confirms("other", 3, drive)).isFalse();
        assertThatThrownBy(() -> DriveMarker.parse("{\"format\": \"v0\"}")).hasMessageContaining("aistorctl-drive/1");
    }
}
