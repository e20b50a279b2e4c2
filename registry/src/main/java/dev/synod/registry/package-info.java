package dev.synod.registry;
