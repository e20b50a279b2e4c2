package dev.synod.client;
