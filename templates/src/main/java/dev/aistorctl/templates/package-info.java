package dev.aistorctl.templates;
