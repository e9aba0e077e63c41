package dev.aistorctl.inventory;
