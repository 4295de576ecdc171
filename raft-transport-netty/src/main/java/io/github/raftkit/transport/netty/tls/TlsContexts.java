package io.github.raftkit.transport.netty.tls;

import io.github.raftkit.api.error.ConfigurationException;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The two TLS contexts of a node, built once at start from {@link TlsSettings} with the JDK's TLS provider: the
 * server side requires a client certificate, the client side presents one. Immutable once built; any thread.
 *
 * @param server for accepted connections
 * @param client for dialled connections
 */
public record TlsContexts(SslContext server, SslContext client) {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * Reads the key and trust material.
     *
     * @throws ConfigurationException naming the file that could not be read or used
     */
    public static TlsContexts from(TlsSettings settings) {
        TlsSettings.Material identity = settings.identity().orElseThrow();
        TlsSettings.Material trust = settings.trust().orElseThrow();
        try {
            SslContextBuilder server = identity instanceof TlsSettings.Pem pem
                    ? SslContextBuilder.forServer(pem.certificates().toFile(), pem.privateKey().orElseThrow().toFile())
                    : SslContextBuilder.forServer(keyManagers((TlsSettings.Store) identity));
            SslContextBuilder client = SslContextBuilder.forClient();
            if (identity instanceof TlsSettings.Pem pem) {
                client.keyManager(pem.certificates().toFile(), pem.privateKey().orElseThrow().toFile());
            } else {
                client.keyManager(keyManagers((TlsSettings.Store) identity));
            }
            trust(server, trust);
            trust(client, trust);
            server.clientAuth(ClientAuth.REQUIRE);
            // Null switches the check off; "HTTPS" matches the certificate's names against the dialled host.
            client.endpointIdentificationAlgorithm(settings.verifyHostname() ? "HTTPS" : null);
            return new TlsContexts(finish(server), finish(client));
        } catch (IllegalArgumentException | SSLException e) {
            throw withCause(new ConfigurationException("invalid transport configuration: TLS material unusable: "
                    + e.getMessage()), e);
        }
    }

    private static SslContext finish(SslContextBuilder builder) throws SSLException {
        return builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
    }

    private static void trust(SslContextBuilder builder, TlsSettings.Material trust) {
        if (trust instanceof TlsSettings.Pem pem) {
            builder.trustManager(pem.certificates().toFile());
        } else {
            TlsSettings.Store store = (TlsSettings.Store) trust;
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(load(store));
                builder.trustManager(factory);
            } catch (GeneralSecurityException e) {
                throw unusable(store, e);
            }
        }
    }

    private static KeyManagerFactory keyManagers(TlsSettings.Store store) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(store), store.password());
            return factory;
        } catch (GeneralSecurityException e) {
            throw unusable(store, e);
        }
    }

    private static KeyStore load(TlsSettings.Store store) {
        try (InputStream in = Files.newInputStream(store.file())) {
            KeyStore keyStore = KeyStore.getInstance(store.type());
            keyStore.load(in, store.password());
            return keyStore;
        } catch (IOException | GeneralSecurityException e) {
            throw unusable(store, e);
        }
    }

    private static ConfigurationException unusable(TlsSettings.Store store, Exception cause) {
        return withCause(new ConfigurationException("invalid transport configuration: cannot use " + store.type()
                + " store " + store.file().toAbsolutePath() + ": " + cause.getMessage()), cause);
    }

    private static ConfigurationException withCause(ConfigurationException e, Exception cause) {
        e.initCause(cause);
        return e;
    }
}
