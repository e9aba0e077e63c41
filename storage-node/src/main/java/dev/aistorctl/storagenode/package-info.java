package dev.aistorctl.storagenode;
