package dev.aistorctl.lab;
