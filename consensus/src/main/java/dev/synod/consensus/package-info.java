package dev.synod.consensus;
