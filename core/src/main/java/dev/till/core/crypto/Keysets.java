package dev.till.core.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Till's secret keys, kept apart from the database: an AEAD keyset that encrypts card numbers, and
 * a PRF keyset for fingerprints and idempotency request hashes (keyed, so a stolen database
 * reveals no card number by brute force over the BIN space).
 * <p>
 * The file is one JSON object {@code {"aead": <tink keyset>, "prf": <tink keyset>}}. For the
 * embedded default it is generated on first start in the data directory; in production it comes
 * from {@code TILL_KEYSET_FILE} or the {@code TILL_KEYSET} variable. Thread-safe.
 */
public final class Keysets {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where request threads' encryptions run. Tink draws nonces from a SecureRandom it keeps per
     * thread, and builds it on a thread's first encryption, looking for Conscrypt by reflection on
     * the way (a ClassNotFoundException searched through the whole class path). Request threads
     * are virtual and never reused, so requests kept paying for that: under load 3.5% of the
     * gateway's CPU samples were the Conscrypt lookup alone. These long-lived platform threads
     * keep theirs. Shared by every Keysets in the process; daemon threads, so they never hold up
     * an exit.
     */
    private static final ExecutorService ENCRYPTING = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("till-encrypt-", 0).daemon().factory());

    private final KeysetHandle aeadHandle;
    private final Aead aead;
    private final PrfSet prf;

    private Keysets(KeysetHandle aeadHandle, KeysetHandle prfHandle) throws GeneralSecurityException {
        this.aeadHandle = aeadHandle;
        this.aead = aeadHandle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.prf = prfHandle.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
    }

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Reads the keyset file, creating it (readable by the owner only) when it does not exist yet. */
    public static Keysets loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                String json = serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                        KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF));
                Files.writeString(file, json, StandardOpenOption.CREATE_NEW);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on filesystems without POSIX permissions
                }
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the keyset", e);
        }
    }

    public static Keysets parse(String json) {
        try {
            var tree = JSON.readTree(json);
            return new Keysets(
                    TinkJsonProtoKeysetFormat.parseKeyset(tree.get("aead").toString(), InsecureSecretKeyAccess.get()),
                    TinkJsonProtoKeysetFormat.parseKeyset(tree.get("prf").toString(), InsecureSecretKeyAccess.get()));
        } catch (IOException | GeneralSecurityException | NullPointerException e) {
            throw new IllegalStateException("the keyset file is not a valid Till keyset", e);
        }
    }

    /**
     * Adds a new AEAD key and makes it primary: new rows use it, old rows still decrypt. The PRF
     * keyset is never rotated this way, since fingerprints must stay comparable.
     */
    public static void rotateAead(Path file) {
        try {
            var tree = (ObjectNode) JSON.readTree(Files.readString(file));
            KeysetHandle old = TinkJsonProtoKeysetFormat.parseKeyset(tree.get("aead").toString(), InsecureSecretKeyAccess.get());
            KeysetHandle rotated = KeysetHandle.newBuilder(old)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                    .build();
            tree.set("aead", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get())));
            Files.writeString(file, JSON.writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot rotate the keyset", e);
        }
    }

    private static String serialize(KeysetHandle aead, KeysetHandle prf) throws GeneralSecurityException, IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("aead", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(aead, InsecureSecretKeyAccess.get())));
        root.set("prf", JSON.readTree(TinkJsonProtoKeysetFormat.serializeKeyset(prf, InsecureSecretKeyAccess.get())));
        return JSON.writeValueAsString(root);
    }

    /**
     * Encrypts with the primary key; the associated data (a row ID) binds the ciphertext to its row.
     * On a virtual thread the encryption runs on {@link #ENCRYPTING} and the caller waits for it.
     */
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        if (!Thread.currentThread().isVirtual()) return encryptHere(plaintext, associatedData);
        try {
            return ENCRYPTING.submit(() -> encryptHere(plaintext, associatedData)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("encryption failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encrypting", e);
        }
    }

    private byte[] encryptHere(byte[] plaintext, byte[] associatedData) {
        try {
            return aead.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        try {
            return aead.decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key or tampered row", e);
        }
    }

    /** A keyed, deterministic 32-byte digest. */
    public byte[] keyedHash(byte[] input) {
        try {
            return prf.computePrimary(input, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyed hash failed", e);
        }
    }

    public int aeadKeyCount() {
        return aeadHandle.size();
    }
}
