/**
 * Test support shared by every module's tests, published as {@code synod-security:tests}: a
 * throwaway cluster CA ({@link dev.synod.security.testing.TestPki}) and a log recorder
 * ({@link dev.synod.security.testing.LogCapture}).
 */
package dev.synod.security.testing;
