package dev.aistorctl.hwcheck;
