package dev.aistorctl.playbooks.node;

import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.ScriptedContext;
import dev.aistorctl.playbooks.ScriptedConnector;
import dev.aistorctl.storagenode.s3proxy.S3ProxyPaths;
import java.util.List;
import java.util.Map;

/**
 * The inventory's first host as a step context whose commands answer from a script: the first rule whose
 * text the command line contains answers, and a command no rule answers fails the test. Every host has the
 * Java runtime the lab flavour's unit runs on (Debian's alternative at {@link S3ProxyPaths#JAVA}), which every
 * node step looks for.
 */
final class ScriptedHost extends ScriptedContext {

    ScriptedHost(Inventory inventory) {
        super(inventory, new ScriptedConnector(inventory.hosts().get(0).name()));
        answer("test -x " + S3ProxyPaths.JAVA, 0, "");
    }

    ScriptedHost answer(String contains, int exit, String stdout) {
        connector().answer(contains, exit, stdout);
        return this;
    }

    boolean ran(String contains) {
        return connector().ran(contains);
    }

    List<String> commands() {
        return connector().lines();
    }

    Map<String, byte[]> written() {
        return connector().written();
    }
}
