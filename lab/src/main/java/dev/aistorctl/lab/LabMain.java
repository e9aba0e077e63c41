package dev.aistorctl.lab;

import dev.aistorctl.core.AistorException;
import java.util.List;

/**
 * A plain entry point for the lab until the CLI wraps it, used by bench/lab-up:
 * {@code up NAME [HOSTS [DRIVES [DRIVE_MIB]]]}, {@code status NAME}, {@code down NAME}.
 */
public final class LabMain {
    private LabMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(List.of(args)));
        } catch (AistorException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(e.exitCode().code());
        }
    }

    static int run(List<String> args) {
        if (args.size() < 2) {
            System.err.println("usage: up NAME [HOSTS [DRIVES [DRIVE_MIB]]] | status NAME | down NAME");
            return 2;
        }
        Lab lab = Lab.standard();
        String name = args.get(1);
        switch (args.get(0)) {
            case "up" -> {
                LabSpec d = LabSpec.defaults(name);
                LabSpec spec = new LabSpec(name, args.size() > 2 ? Integer.parseInt(args.get(2)) : d.hosts(),
                        args.size() > 3 ? Integer.parseInt(args.get(3)) : d.drives(),
                        args.size() > 4 ? Long.parseLong(args.get(4)) << 20 : d.driveSizeBytes(), false);
                print(lab.up(spec, System.out::println));
            }
            case "status" -> print(lab.status(name));
            case "down" -> lab.down(name, System.out::println);
            default -> {
                System.err.println("unknown action " + args.get(0));
                return 2;
            }
        }
        return 0;
    }

    static void print(LabState s) {
        System.out.println("lab " + s.name() + " on " + s.subnet() + " (bridge " + s.bridge() + ", controller "
                + s.controllerAddress() + ")");
        System.out.println("  state dir:   " + s.stateDir());
        System.out.println("  inventory:   " + s.inventory());
        System.out.println("  client key:  " + s.clientKey());
        System.out.println("  known_hosts: " + s.knownHosts());
        for (LabHost h : s.hosts()) {
            System.out.printf("  %-14s %-15s %-16s", h.name(), h.address(), h.state().label());
            for (LabDrive d : h.drives()) {
                System.out.print(" " + d.device() + "=" + InventoryFile.size(d.sizeBytes())
                        + (d.role() == DriveRole.SYSTEM ? "(system " + d.mountPoint() + ")" : ""));
            }
            System.out.println();
        }
    }
}
