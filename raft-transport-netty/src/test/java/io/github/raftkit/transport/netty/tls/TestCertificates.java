package io.github.raftkit.transport.netty.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time with the JDK's {@code keytool}, in a temporary directory: a test CA, one member
 * certificate it signed (for 127.0.0.1 and localhost, good for both TLS roles), and a rogue self-signed certificate
 * that the CA never signed. The member's identity is written both as a PKCS#12 store and as PEM files. Nothing here is
 * committed; the keys live only as long as the directory.
 *
 * @param dir where the files are
 */
public record TestCertificates(Path dir) {
    public static final String PASSWORD = "changeit";
    private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

    /** Makes every file; takes a few seconds (one JVM per keytool step). */
    public static TestCertificates generate(Path dir) {
        TestCertificates certs = new TestCertificates(dir);
        certs.keytool("-genkeypair", "-alias", "ca", "-dname", "CN=raftkit test CA", "-ext", "bc:c",
                "-keystore", "ca.p12");
        certs.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        certs.keytool("-genkeypair", "-alias", "node", "-dname", "CN=raftkit member", "-keystore", "member.p12");
        certs.keytool("-certreq", "-alias", "node", "-keystore", "member.p12", "-file", "member.csr");
        certs.keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "member.csr",
                "-outfile", "member-signed.pem", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-ext", "eku=serverAuth,clientAuth");
        certs.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "member.p12");
        certs.keytool("-importcert", "-alias", "node", "-file", "member-signed.pem", "-keystore", "member.p12");
        certs.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12");
        certs.keytool("-genkeypair", "-alias", "node", "-dname", "CN=rogue", "-ext", "san=ip:127.0.0.1",
                "-keystore", "rogue.p12");
        certs.writePem("member.p12", "member-chain.pem", "member-key.pem");
        return certs;
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path memberStore() {
        return dir.resolve("member.p12");
    }

    public Path memberChainPem() {
        return dir.resolve("member-chain.pem");
    }

    public Path memberKeyPem() {
        return dir.resolve("member-key.pem");
    }

    public Path trustStore() {
        return dir.resolve("trust.p12");
    }

    public Path rogueStore() {
        return dir.resolve("rogue.p12");
    }

    /** TLS settings with the member's identity and the CA's certificate from PEM files. */
    public Map<String, String> pemSettings() {
        return Map.of("netty.tls.enabled", "true",
                "netty.tls.certificateChain", memberChainPem().toString(),
                "netty.tls.privateKey", memberKeyPem().toString(),
                "netty.tls.trustedCertificates", caPem().toString());
    }

    /** TLS settings with {@code identity} (a PKCS#12 store) and the trust store. */
    public Map<String, String> storeSettings(Path identity) {
        return Map.of("netty.tls.enabled", "true",
                "netty.tls.keyStore", identity.toString(),
                "netty.tls.keyStorePassword", PASSWORD,
                "netty.tls.trustStore", trustStore().toString(),
                "netty.tls.trustStorePassword", PASSWORD);
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(KEYTOOL));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        }
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes a store's key as unencrypted PKCS#8 PEM and its chain as PEM: keytool exports no private keys. */
    private void writePem(String store, String chainFile, String keyFile) {
        try (InputStream in = Files.newInputStream(dir.resolve(store))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            Key key = keyStore.getKey("node", PASSWORD.toCharArray());
            Files.writeString(dir.resolve(keyFile), pem("PRIVATE KEY", key.getEncoded()));
            StringBuilder chain = new StringBuilder();
            for (Certificate certificate : keyStore.getCertificateChain("node")) {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            Files.writeString(dir.resolve(chainFile), chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
