package dev.aistorctl.workflows.drives;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.StepRegistry;
import dev.aistorctl.playbooks.drives.DriveMounts;
import dev.aistorctl.playbooks.drives.XfsDrives;

/** The built-in playbook 'drives', allowed to wipe the drives named with --wipe-foreign. */
public final class DrivesPlaybook {
    private DrivesPlaybook() {
    }

    public static Playbook of(Set<String> foreign) {
        Playbook book = new PlaybookLoader(StepRegistry.builtIn()).builtIn("drives");
        List<PlaybookStep> steps = new ArrayList<>();
        for (PlaybookStep s : book.steps()) {
            if (s.step() instanceof XfsDrives x) {
                steps.add(new PlaybookStep(s.index(), s.name(), x.withWipeForeign(foreign), s.where()));
            } else if (s.step() instanceof DriveMounts m) {
                steps.add(new PlaybookStep(s.index(), s.name(), m.withWipeForeign(foreign), s.where()));
            } else {
                steps.add(s);
            }
        }
        return new Playbook(book.name(), book.description(), book.source(), steps);
    }
}
