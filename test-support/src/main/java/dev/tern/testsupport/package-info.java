/**
 * Fixtures for Tern's tests; other modules use this one in test scope. Every fixture binds to
 * 127.0.0.1 only, keeps its files in a temporary folder of its own, bounds every wait, and
 * stops what it started when closed (and, as a last resort, when the JVM exits). A test that
 * needs a program that is not installed (mosquitto, mosquitto-clients, socat, ser2net, chromium) is aborted and
 * reported as SKIPPED with the package to install.
 *
 * <ul>
 * <li>Brokers: {@link dev.tern.testsupport.TestBroker}, made by
 *     {@link dev.tern.testsupport.MosquittoBroker} (a process) and
 *     {@link dev.tern.testsupport.HiveMqBroker} (embedded); run a test against both with
 *     {@link dev.tern.testsupport.BrokerKind} and {@link dev.tern.testsupport.SharedBrokers};
 *     check from outside with {@link dev.tern.testsupport.MosquittoClients}.</li>
 * <li>Serial links: {@link dev.tern.testsupport.PtyPair} (socat pseudo-terminals),
 *     {@link dev.tern.testsupport.TcpPair} ({@code socket://} links),
 *     {@link dev.tern.testsupport.Ser2netServer} (an {@code rfc2217://} server for a pty end),
 *     {@link dev.tern.testsupport.BoundedReads} (reads with a deadline).</li>
 * <li>Allocation: {@link dev.tern.testsupport.AllocationMeter} (in this JVM) and
 *     {@link dev.tern.testsupport.ForkedAllocationCheck} (an {@code -Xint} JVM, for proofs).</li>
 * <li>Pages: {@link dev.tern.testsupport.HeadlessChromium} renders an HTML page headless (screenshot, DOM).</li>
 * <li>Faults: {@code dev.tern.proxy.FaultProxy} cuts a connection at a chosen packet.</li>
 * </ul>
 */
package dev.tern.testsupport;
