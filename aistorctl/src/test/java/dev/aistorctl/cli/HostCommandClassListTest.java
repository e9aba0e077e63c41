package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The class list the launcher makes the host commands' class-data archive from ({@code java -Xshare:dump}) names
 * classes, lambdas and method handle forms that exist. The JVM skips a listed class or lambda it cannot find with no
 * more than a warning nobody sees, so a list that names renamed or removed ones would shrink the archive unseen; this
 * test is where it shows. The list is in the JVM's own format, as {@code -XX:DumpLoadedClassList} writes it: class
 * names ({@code a/b/C}), then {@code @lambda-proxy} and {@code @lambda-form-invoker} lines.
 */
class HostCommandClassListTest {
    private static final Path LIST = Path.of("src/main/class-data/host-commands.classlist");
    private static final String RECORD_AGAIN = "record the list again: bin/record-archive-classes (as root, on a lab it brings up)";
    private static final String LAMBDA = "@lambda-proxy ";
    private static final String FORM = "@lambda-form-invoker ";
    /** A method handle form's type in the JDK's basic types: {@code L7_L}, {@code LIJ_V}; one the JDK cannot parse
     * makes the dump drop every holder class it would have regenerated, not just that line's. */
    private static final Pattern BASIC_TYPE = Pattern.compile("([LIJFD][0-9]*)*_[LIJFDV]");
    private static final Pattern SPECIES = Pattern.compile("java\\.lang\\.invoke\\.(SimpleMethodHandle|BoundMethodHandle\\$Species_[LIJFD]+)");

    @Test
    void everyListedClassLoads() throws IOException {
        Set<String> names = new HashSet<>(classNames());
        for (Lambda lambda : lambdas()) {
            names.add(lambda.caller());
            names.add(lambda.implementationClass());
        }
        List<String> missing = names.stream().sorted().filter(name -> load(name) == null).toList();
        assertThat(missing).as("listed classes this build or JDK does not have; %s", RECORD_AGAIN).isEmpty();
    }

    /**
     * javac numbers a class's lambdas in order ({@code lambda$run$3}), so an edit that adds one renumbers the rest of
     * that class's, and their lines no longer match until the list is recorded again. A few such lines cost only
     * those lambdas' share of the start; many mean the list is out of date.
     */
    @Test
    void nearlyEveryListedLambdaNamesAMethodTheBuildHas() throws IOException {
        List<Lambda> lambdas = lambdas();
        List<String> stale = lambdas.stream().filter(lambda -> !lambda.implementationExists()).map(Lambda::line).toList();
        assertThat(stale.size()).as("lambdas whose implementation this build does not have (%s of %s): %s; %s",
                stale.size(), lambdas.size(), stale, RECORD_AGAIN).isLessThanOrEqualTo(lambdas.size() / 10);
    }

    @Test
    void everyMethodHandleFormIsOneTheJdkCanRegenerate() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String line : forms()) {
            String[] f = line.substring(FORM.length()).split(" ");
            boolean ok = switch (f[0]) {
                case "[LF_RESOLVE]" -> f.length == 4 && f[1].startsWith("java.lang.invoke.") && load(f[1]) != null
                        && BASIC_TYPE.matcher(f[3]).matches();
                case "[SPECIES_RESOLVE]" -> f.length == 2 && SPECIES.matcher(f[1]).matches();
                default -> false;
            };
            if (!ok) {
                wrong.add(line);
            }
        }
        assertThat(wrong).as("forms the dump would refuse, dropping every regenerated holder class; %s", RECORD_AGAIN).isEmpty();
    }

    @Test
    void theListHoldsWhatTheCommandsOnHostsLoad() throws IOException {
        assertThat(classNames()).as("recorded from runs of facts, tune and provision on lab hosts; %s", RECORD_AGAIN)
                .contains("dev.aistorctl.cli.provision.ProvisionCommand", "dev.aistorctl.cli.tune.TuneCommand",
                        "dev.aistorctl.cli.hardware.FactsCommand", "net.schmizz.sshj.SSHClient", "io.minio.MinioClient",
                        "okhttp3.OkHttpClient", "com.fasterxml.jackson.databind.ObjectMapper", "picocli.CommandLine",
                        // The JDK's classes too: this archive replaces the JDK's own.
                        "java.lang.Object");
        assertThat(lambdas()).as("the lambdas those commands spin: their own, the libraries' and the JDK's")
                .anyMatch(lambda -> lambda.caller().startsWith("dev.aistorctl."))
                .anyMatch(lambda -> lambda.caller().startsWith("io.minio."))
                .anyMatch(lambda -> lambda.caller().startsWith("java."));
        assertThat(forms()).as("the method handle forms they use").isNotEmpty();
    }

    @Test
    void theListIsInOrderWithoutDuplicatesOrNamesGivenOutAtRunTime() throws IOException {
        List<String> lines = Files.readAllLines(LIST, StandardCharsets.UTF_8);
        int firstDirective = (int) lines.stream().takeWhile(line -> !line.startsWith("@")).count();
        assertThat(lines.subList(firstDirective, lines.size())).as("class names first, then the lambdas and forms")
                .allMatch(line -> line.startsWith(LAMBDA) || line.startsWith(FORM));
        assertThat(lines.subList(0, firstDirective)).as("sorted, each once, so that a new recording's diff shows what changed")
                .isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        assertThat(lines.subList(firstDirective, lines.size())).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        assertThat(lines.subList(0, firstDirective))
                .as("hidden classes (lambdas, method handles) and dynamic proxies have no name to load by")
                .noneMatch(name -> name.isBlank() || name.contains(".") || name.contains(" ") || name.contains("$$Lambda")
                        || name.matches("(.*/)?\\$Proxy[0-9]+"));
    }

    /** {@code @lambda-proxy caller name invokedType samType refKind implClass implName implType instantiatedType}. */
    private record Lambda(String line, String caller, String referenceKind, String implementationClass,
            String implementationName, String implementationType) {

        static Lambda of(String line) {
            String[] f = line.substring(LAMBDA.length()).split(" ");
            assertThat(f).as("a lambda's line: %s", line).hasSize(9);
            assertThat(f[4]).as(line).startsWith("REF_");
            return new Lambda(line, f[0].replace('/', '.'), f[4], f[5].replace('/', '.'), f[6], f[7]);
        }

        /** Declared by the class the line names or inherited by it, with the line's descriptor. */
        boolean implementationExists() {
            Class<?> owner = load(implementationClass);
            if (owner == null) {
                return false;
            }
            if (referenceKind.equals("REF_newInvokeSpecial")) {
                for (Constructor<?> c : owner.getDeclaredConstructors()) {
                    if (MethodType.methodType(void.class, c.getParameterTypes()).toMethodDescriptorString().equals(implementationType)) {
                        return true;
                    }
                }
                return false;
            }
            Deque<Class<?>> todo = new ArrayDeque<>(List.of(owner));
            while (!todo.isEmpty()) {
                Class<?> c = todo.pop();
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(implementationName)
                            && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString().equals(implementationType)) {
                        return true;
                    }
                }
                if (c.getSuperclass() != null) {
                    todo.push(c.getSuperclass());
                }
                todo.addAll(List.of(c.getInterfaces()));
            }
            return false;
        }
    }

    /** Loaded, not initialised: no listed class's code runs here. Null when this build or JDK has no such class. */
    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, HostCommandClassListTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static List<String> classNames() throws IOException {
        return Files.readAllLines(LIST, StandardCharsets.UTF_8).stream().filter(line -> !line.startsWith("@"))
                .map(name -> name.replace('/', '.')).toList();
    }

    private static List<Lambda> lambdas() throws IOException {
        return Files.readAllLines(LIST, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith(LAMBDA)).map(Lambda::of).toList();
    }

    private static List<String> forms() throws IOException {
        return Files.readAllLines(LIST, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith(FORM)).toList();
    }
}
