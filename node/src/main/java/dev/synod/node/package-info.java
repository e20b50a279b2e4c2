package dev.synod.node;
