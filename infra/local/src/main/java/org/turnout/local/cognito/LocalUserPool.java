package org.turnout.local.cognito;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.turnout.local.PrivateFiles;

/**
 * The users and groups of the user pool that the local identity provider plays, in memory: users named by a UUID
 * (as a pool with sign-in by e-mail names them) and found by their address too, passwords kept as
 * {@link PasswordHash}es, the status Cognito gives ({@code FORCE_CHANGE_PASSWORD} until an invited user chooses a
 * password, then {@code CONFIRMED}), and groups, which the tokens carry. Given a file, the pool keeps itself there after
 * every change and starts from it, as a user pool outlives its clients: users invited in one run sign in in the next.
 */
public final class LocalUserPool {
    public static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";
    public static final String CONFIRMED = "CONFIRMED";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user as the pool keeps it; the hash is replaced, never read out. */
    public static final class User {
        private final String username;
        private final String email;
        private final Instant created;
        private final Set<String> groups = new LinkedHashSet<>();
        private String passwordHash;
        private String status;

        private User(String username, String email, Instant created) {
            this.username = username;
            this.email = email;
            this.created = created;
        }

        public String username() {
            return username;
        }

        public String email() {
            return email;
        }

        public Instant created() {
            return created;
        }

        public synchronized String status() {
            return status;
        }

        public synchronized List<String> groups() {
            return List.copyOf(groups);
        }
    }

    private final String id;
    private final PasswordPolicy policy;
    private final Clock clock;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private final Optional<Path> file;

    /** A pool in memory only. */
    public LocalUserPool(String id, PasswordPolicy policy, Clock clock) {
        this(id, policy, clock, Optional.empty());
    }

    /** A pool kept in {@code file}: what it holds there, if it exists, and every change written back. */
    public LocalUserPool(String id, PasswordPolicy policy, Clock clock, Optional<Path> file) {
        this.id = id;
        this.policy = policy;
        this.clock = clock;
        this.file = file;
        file.filter(Files::isRegularFile).ifPresent(this::load);
    }

    /** The pool's id, the last segment of its issuer, as Cognito's {@code <region>_<id>}. */
    public String id() {
        return id;
    }

    public PasswordPolicy policy() {
        return policy;
    }

    /**
     * A new user with {@code email} as its address and sign-in name and {@code password}, permanent (CONFIRMED) or
     * temporary (FORCE_CHANGE_PASSWORD, as an invitation gives).
     */
    public synchronized User create(String email, String password, boolean permanent) {
        String address = email.strip();
        if (find(address).isPresent()) {
            throw new CognitoException("UsernameExistsException", "An account with the given email already exists.");
        }
        User user = new User(UUID.randomUUID().toString(), address, clock.instant());
        setPassword(user, password, permanent);
        users.put(user.username, user);
        save();
        return user;
    }

    /** The user named {@code usernameOrEmail}: its username, or its address (case aside), as Cognito's alias. */
    public synchronized Optional<User> find(String usernameOrEmail) {
        if (usernameOrEmail == null) {
            return Optional.empty();
        }
        User byName = users.get(usernameOrEmail);
        if (byName != null) {
            return Optional.of(byName);
        }
        return users.values().stream().filter(user -> user.email.equalsIgnoreCase(usernameOrEmail.strip())).findFirst();
    }

    public User user(String usernameOrEmail) {
        return find(usernameOrEmail).orElseThrow(CognitoException::userNotFound);
    }

    public synchronized void delete(String usernameOrEmail) {
        users.remove(user(usernameOrEmail).username);
        save();
    }

    /** The user whose address and password these are; empty for a wrong pair, whichever part is wrong. */
    public Optional<User> authenticate(String email, String password) {
        Optional<User> user = find(email);
        String hash;
        synchronized (this) {
            hash = user.map(found -> found.passwordHash).orElse(null);
        }
        if (hash == null || password == null || !PasswordHash.matches(password, hash)) {
            return Optional.empty();
        }
        return user;
    }

    /** Sets a password that conforms to the policy; a permanent one confirms the user. */
    public void setPassword(User user, String password, boolean permanent) {
        List<String> shortcomings = policy.shortcomings(password);
        if (!shortcomings.isEmpty()) {
            throw CognitoException.invalidPassword("Password did not conform with policy: " + shortcomings.get(0));
        }
        String hash = PasswordHash.of(password);
        synchronized (user) {
            user.passwordHash = hash;
            user.status = permanent ? CONFIRMED : FORCE_CHANGE_PASSWORD;
        }
        save();
    }

    /** A temporary password that the policy accepts, as Cognito makes for an invitation. */
    public String temporaryPassword() {
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String digits = "23456789";
        String all = lower + upper + digits;
        StringBuilder password = new StringBuilder();
        password.append(lower.charAt(RANDOM.nextInt(lower.length())));
        password.append(upper.charAt(RANDOM.nextInt(upper.length())));
        password.append(digits.charAt(RANDOM.nextInt(digits.length())));
        while (password.length() < Math.max(16, policy.minimumLength())) {
            password.append(all.charAt(RANDOM.nextInt(all.length())));
        }
        if (policy.symbols()) {
            password.append('-');
        }
        return password.toString();
    }

    /** Creates the group; {@code GroupExistsException} if it exists. */
    public synchronized void createGroup(String group) {
        if (!groups.add(group)) {
            throw new CognitoException("GroupExistsException", "A group with the name " + group + " already exists.");
        }
        save();
    }

    /** Creates the group unless it exists. */
    public synchronized void createGroupIfAbsent(String group) {
        if (!groups.contains(group)) {
            createGroup(group);
        }
    }

    public synchronized void addToGroup(String usernameOrEmail, String group) {
        requireGroup(group);
        User user = user(usernameOrEmail);
        synchronized (user) {
            user.groups.add(group);
        }
        save();
    }

    /** As Cognito: removing a user from a group it is not in does nothing. */
    public synchronized void removeFromGroup(String usernameOrEmail, String group) {
        requireGroup(group);
        User user = user(usernameOrEmail);
        synchronized (user) {
            user.groups.remove(group);
        }
        save();
    }

    public synchronized List<User> usersInGroup(String group) {
        requireGroup(group);
        List<User> members = new ArrayList<>();
        users.values().stream().filter(user -> user.groups().contains(group)).forEach(members::add);
        return members;
    }

    /** What the file holds: the groups, and the users with their password hashes (never a password). */
    private record Stored(List<String> groups, List<StoredUser> users) {
    }

    private record StoredUser(String username, String email, String created, String passwordHash, String status, List<String> groups) {
    }

    private synchronized void save() {
        if (file.isEmpty()) {
            return;
        }
        List<StoredUser> stored = new ArrayList<>();
        for (User user : users.values()) {
            synchronized (user) {
                stored.add(new StoredUser(user.username, user.email, user.created.toString(), user.passwordHash, user.status, List.copyOf(user.groups)));
            }
        }
        try {
            Files.createDirectories(file.get().toAbsolutePath().getParent());
            PrivateFiles.writeAtomically(file.get(), JSON.writeValueAsString(new Stored(List.copyOf(groups), stored)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the local user pool in " + file.get(), e);
        }
    }

    private void load(Path from) {
        try {
            Stored stored = JSON.readValue(from.toFile(), Stored.class);
            groups.addAll(stored.groups());
            for (StoredUser kept : stored.users()) {
                User user = new User(kept.username(), kept.email(), Instant.parse(kept.created()));
                user.passwordHash = kept.passwordHash();
                user.status = kept.status();
                user.groups.addAll(kept.groups());
                users.put(user.username, user);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the local user pool from " + from + ": delete it to start with an empty pool", e);
        }
    }

    private void requireGroup(String group) {
        if (!groups.contains(group)) {
            throw new CognitoException("ResourceNotFoundException", "Group not found.");
        }
    }
}
