package dev.aistorctl.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.drives.XfsDrives;
import org.junit.jupiter.api.Test;

/** The drives a plan formats on 8 hosts x 8 drives, as a person checks them: compact, and every serial there. */
class DriveTableTest {
    private static final int HOSTS = 8;
    private static final int DRIVES = 8;
    private static final String MODEL = "Micron_7500_MTFDKCC15T3TGP";

    @Test
    void alikeDrivesOfAHostAreOneRowWithRangesAndTheTableStaysShort() {
        List<String> lines = DriveTable.render(rack(List.of())).lines().toList();
        assertThat(lines.get(0)).matches("HOST +DEVICE +MODEL +SIZE +NOW +ACTION +MOUNT +LABEL +SERIAL");
        assertThat(lines).anyMatch(l -> l.matches("node03 +/dev/nvme\\{0\\.\\.\\.7\\}n1 +" + MODEL
                + " +14\\.0 TiB +blank +format +/mnt/drive\\{1\\.\\.\\.8\\} +ceo-d\\{01\\.\\.\\.08\\} +" + serial(3, 1) + ", .*"));
        // A header, and per host one row whose serials wrap onto at most two continuation lines.
        assertThat(lines.size()).isLessThanOrEqualTo(1 + HOSTS * 3);
        assertThat(lines.stream().filter(l -> l.contains(MODEL)).count()).isEqualTo(HOSTS);
    }

    @Test
    void everySerialOfEveryHostIsShownInTheOrderOfTheDrives() {
        String text = DriveTable.render(rack(List.of()));
        for (int h = 1; h <= HOSTS; h++) {
            int at = -1;
            for (int d = 1; d <= DRIVES; d++) {
                int next = text.indexOf(serial(h, d));
                assertThat(next).as("serial of node%02d drive %d", h, d).isGreaterThan(at);
                at = next;
            }
        }
    }

    @Test
    void hostsAlikeButForTheirSerialsAreEachShown() {
        List<String> lines = DriveTable.render(rack(List.of())).lines().toList();
        for (int h = 1; h <= HOSTS; h++) {
            String host = String.format("node%02d ", h);
            assertThat(lines.stream().filter(l -> l.startsWith(host)).count()).as(host).isEqualTo(1);
        }
    }

    @Test
    void aLongSerialListWrapsOntoContinuationLinesUnderItsColumn() {
        List<String> lines = DriveTable.render(rack(List.of())).lines().toList();
        int row = lines.indexOf(lines.stream().filter(l -> l.startsWith("node05 ")).findFirst().orElseThrow());
        int column = lines.get(0).indexOf("SERIAL");
        assertThat(lines.get(row).substring(column)).startsWith(serial(5, 1));
        String next = lines.get(row + 1);
        assertThat(next.substring(0, column)).isBlank();
        assertThat(next.substring(column)).matches("[0-9A-Z]{12}(, [0-9A-Z]{12})*,?");
        assertThat(lines).allMatch(l -> l.length() <= DriveTable.LINE_WIDTH + DriveTable.MIN_SERIAL_WIDTH);
    }

    @Test
    void aDriveUnlikeTheOthersOfItsHostHasARowOfItsOwn() {
        // node3's fifth drive holds a foreign file system, node6's second is another model.
        List<String> lines = DriveTable.render(rack(List.of("node03:5:state", "node06:2:model"))).lines().toList();
        assertThat(lines).anyMatch(l -> l.matches(" +/dev/nvme4n1 +" + MODEL
                + " +14\\.0 TiB +xfs \\(foreign\\) +wipe and format +/mnt/drive5 +ceo-d05 +" + serial(3, 5)));
        assertThat(lines).anyMatch(l -> l.matches("node03 +/dev/nvme\\{0,1,2,3,5,6,7\\}n1 +" + MODEL
                + " +14\\.0 TiB +blank +format +/mnt/drive\\{1,2,3,4,6,7,8\\} +ceo-d\\{01,02,03,04,06,07,08\\} .*"));
        assertThat(lines).anyMatch(l -> l.matches(" +/dev/nvme1n1 +Samsung_PM9A3 +14\\.0 TiB +blank +format +/mnt/drive2 +ceo-d02 +"
                + serial(6, 2)));
        // The foreign drive's serial stands in its own row, not among the alike drives'.
        assertThat(lines.stream().filter(l -> l.contains(serial(3, 5))).count()).isEqualTo(1);
        assertThat(lines.stream().filter(l -> l.contains("Samsung")).count()).isEqualTo(1);
    }

    @Test
    void drivesWithoutSerialsShowOneDash() {
        List<PlanText.Line> drives = new ArrayList<>();
        for (int d = 1; d <= 4; d++) {
            drives.add(drive("lab-node1", d, null, MODEL, "blank", "format"));
        }
        List<String> lines = DriveTable.render(drives).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).matches("lab-node1 +/dev/nvme\\{0\\.\\.\\.3\\}n1 +.* +ceo-d\\{01\\.\\.\\.04\\} +-");
    }

    /** 8 x 8 drives to format, each changed as {@code host:drive:what} says (state: a foreign file system; model: another). */
    static List<PlanText.Line> rack(List<String> unlike) {
        List<PlanText.Line> out = new ArrayList<>();
        for (int h = 1; h <= HOSTS; h++) {
            String host = String.format("node%02d", h);
            for (int d = 1; d <= DRIVES; d++) {
                String tag = host + ":" + d + ":";
                boolean foreign = unlike.contains(tag + "state");
                out.add(drive(host, d, serial(h, d), unlike.contains(tag + "model") ? "Samsung_PM9A3" : MODEL,
                        foreign ? "xfs (foreign)" : "blank", foreign ? "wipe and format" : "format"));
            }
        }
        return out;
    }

    private static PlanText.Line drive(String host, int d, String serial, String model, String state, String action) {
        String device = "/dev/nvme" + (d - 1) + "n1";
        ChangeKey key = ChangeKey.of(XfsDrives.KEY_KIND, device).with("serial", serial).with("wwn", null)
                .with("fingerprint", "f" + d).with(XfsDrives.ACTION, action).with(XfsDrives.STATE, state)
                .with(XfsDrives.MODEL, model).with(XfsDrives.SIZE, "14.0 TiB")
                .with(XfsDrives.MOUNT, "/mnt/drive" + d).with(XfsDrives.LABEL, String.format("ceo-d%02d", d));
        return PlanText.Line.of(host, "drives", Change.destructive(key, action + " " + device, state, "XFS"));
    }

    /** A Micron-like serial: twelve letters and digits, nothing in common from drive to drive. */
    static String serial(int h, int d) {
        return String.format("%04d%08X", 2300 + h, 0x5A1B2C00 + h * 7919 + d * 104729);
    }
}
