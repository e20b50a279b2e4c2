package dev.synod.membership;
