package io.github.raftkit.transport.netty.tls;

import io.github.raftkit.api.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mutual TLS settings, from the {@code netty.tls.*} keys. When enabled, a node needs exactly one identity (a PEM
 * certificate chain and PKCS#8 key, or a key store) and exactly one source of trusted certificates (a PEM bundle, or a
 * trust store); every connection, dialled or accepted, then proves both ends. Immutable.
 *
 * @param enabled whether connections use TLS ({@code netty.tls.enabled}, false)
 * @param identity this node's certificate and private key
 * @param trust the certificates a peer's chain must lead to
 * @param verifyHostname whether a dialling node also checks that the peer's certificate names the host it dialled
 *     ({@code netty.tls.verifyHostname}, true)
 */
public record TlsSettings(boolean enabled, Optional<Material> identity, Optional<Material> trust,
                          boolean verifyHostname) {
    /** The prefix of the TLS keys. */
    public static final String PREFIX = "netty.tls.";

    private static final Set<String> KEYS = Set.of("netty.tls.enabled", "netty.tls.certificateChain",
            "netty.tls.privateKey", "netty.tls.keyStore", "netty.tls.keyStorePassword", "netty.tls.keyStoreType",
            "netty.tls.trustedCertificates", "netty.tls.trustStore", "netty.tls.trustStorePassword",
            "netty.tls.trustStoreType", "netty.tls.verifyHostname");

    /** Where key or trust material comes from. */
    public sealed interface Material permits Pem, Store {
    }

    /**
     * PEM files.
     *
     * @param certificates a certificate chain (identity) or a bundle of trusted certificates (trust)
     * @param privateKey the unencrypted PKCS#8 key of an identity; empty for trust
     */
    public record Pem(Path certificates, Optional<Path> privateKey) implements Material {
    }

    /**
     * A key store or trust store file.
     *
     * @param type {@code PKCS12} (default) or {@code JKS}
     */
    public record Store(Path file, char[] password, String type) implements Material {
    }

    /** Reads the {@code netty.tls.*} keys; other keys are ignored. */
    public static TlsSettings from(Map<String, String> properties) {
        Set<String> unknown = new TreeSet<>();
        properties.keySet().stream().filter(k -> k.startsWith(PREFIX) && !KEYS.contains(k)).forEach(unknown::add);
        require(unknown.isEmpty(), "unknown TLS settings " + unknown + "; known: " + new TreeSet<>(KEYS));
        boolean enabled = bool(properties, "netty.tls.enabled", false);
        boolean verifyHostname = bool(properties, "netty.tls.verifyHostname", true);
        if (!enabled) {
            return new TlsSettings(false, Optional.empty(), Optional.empty(), verifyHostname);
        }
        Material identity = oneOf(properties, "identity", "netty.tls.certificateChain", "netty.tls.keyStore");
        Material trust = oneOf(properties, "trust", "netty.tls.trustedCertificates", "netty.tls.trustStore");
        return new TlsSettings(true, Optional.of(identity), Optional.of(trust), verifyHostname);
    }

    private static Material oneOf(Map<String, String> properties, String what, String pemKey, String storeKey) {
        String pem = properties.get(pemKey);
        String store = properties.get(storeKey);
        require(pem == null ^ store == null, "TLS is enabled, so the " + what + " needs exactly one of " + pemKey
                + " and " + storeKey);
        boolean isIdentity = what.equals("identity");
        if (pem != null) {
            Optional<Path> key = Optional.empty();
            if (isIdentity) {
                String keyFile = properties.get("netty.tls.privateKey");
                require(keyFile != null, pemKey + " needs netty.tls.privateKey");
                key = Optional.of(file("netty.tls.privateKey", keyFile));
            }
            return new Pem(file(pemKey, pem), key);
        }
        String prefix = isIdentity ? "netty.tls.keyStore" : "netty.tls.trustStore";
        String password = properties.get(prefix + "Password");
        require(password != null, storeKey + " needs " + prefix + "Password");
        return new Store(file(storeKey, store), password.toCharArray(),
                properties.getOrDefault(prefix + "Type", "PKCS12"));
    }

    private static Path file(String key, String value) {
        Path path = Path.of(value);
        require(Files.isReadable(path), key + " names " + path.toAbsolutePath() + ", which is not a readable file");
        return path;
    }

    private static boolean bool(Map<String, String> properties, String key, boolean fallback) {
        String text = properties.get(key);
        if (text == null) {
            return fallback;
        }
        require(text.equals("true") || text.equals("false"), key + " must be true or false, got '" + text + "'");
        return Boolean.parseBoolean(text);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new ConfigurationException("invalid transport configuration: " + problem);
        }
    }
}
