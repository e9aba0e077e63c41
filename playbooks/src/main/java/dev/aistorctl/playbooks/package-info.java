package dev.aistorctl.playbooks;
