package dev.aistorctl.cli;

import java.io.PrintWriter;

public final class Main {
    public static void main(String[] args) {
        System.out.println("aistorctl");
    }
}
