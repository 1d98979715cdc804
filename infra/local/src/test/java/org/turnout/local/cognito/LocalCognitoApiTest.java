package org.turnout.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.turnout.local.CloudFormationTemplate;
import org.turnout.local.LocalAwsStack;
import org.turnout.local.LocalIdentityProvider;
import org.turnout.local.Provisioned;
import org.turnout.local.TemplateFixture;
import org.turnout.local.iam.Credentials;
import org.turnout.local.iam.LocalIam;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The local user pool's API through the SDK's own client, signed with a function's credentials and authorised by the
 * template's IAM, as ApiFunction's members routes call it.
 */
class LocalCognitoApiTest {
    private static final Credentials ADMINISTRATOR = new Credentials(LocalAwsStack.ACCESS_KEY_ID, LocalAwsStack.SECRET_ACCESS_KEY, null);
    private static final String POOL = LocalIdentityProvider.USER_POOL_ID;

    private final CloudFormationTemplate template = TemplateFixture.template();
    private final Provisioned resources = TemplateFixture.unprovisioned(template);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String[]> mailed = new CopyOnWriteArrayList<>();
    private final LocalIam iam = LocalIam.fromTemplate(template, resources, ADMINISTRATOR, Clock.systemUTC(), log::add);
    private final LocalIdentityProvider provider = LocalIdentityProvider.serve(null, 0);
    private final LocalUserPool pool = playUserPool(provider);

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void apiFunctionInvitesAUserIntoAGroupListsAndRemovesIt() {
        try (CognitoIdentityProviderClient cognito = client(iam.credentials("ApiFunction"))) {
            cognito.createGroup(request -> request.userPoolId(POOL).groupName("org:lyon:staff"));
            assertThatThrownBy(() -> cognito.createGroup(request -> request.userPoolId(POOL).groupName("org:lyon:staff")))
                    .isInstanceOf(GroupExistsException.class);

            UserType created = cognito.adminCreateUser(request -> request.userPoolId(POOL).username("marie@example.org")).user();
            assertThat(created.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
            assertThat(created.username()).isNotEqualTo("marie@example.org");
            assertThatThrownBy(() -> cognito.adminCreateUser(request -> request.userPoolId(POOL).username("MARIE@example.org")))
                    .isInstanceOf(UsernameExistsException.class);

            // the invitation, from template.yaml's message, carries a temporary password that signs in
            assertThat(mailed).hasSize(1);
            assertThat(mailed.get(0)[0]).isEqualTo("marie@example.org");
            assertThat(mailed.get(0)[1]).contains("invitation");
            String password = temporaryPassword(mailed.get(0)[2]);
            assertThat(pool.authenticate("marie@example.org", password)).map(LocalUserPool.User::username).contains(created.username());

            cognito.adminAddUserToGroup(request -> request.userPoolId(POOL).username("marie@example.org").groupName("org:lyon:staff"));
            assertThat(cognito.listUsersInGroup(request -> request.userPoolId(POOL).groupName("org:lyon:staff")).users())
                    .extracting(UserType::username).containsExactly(created.username());
            assertThat(cognito.adminListGroupsForUser(request -> request.userPoolId(POOL).username(created.username())).groups())
                    .extracting(GroupType::groupName).containsExactly("org:lyon:staff");
            assertThat(cognito.adminGetUser(request -> request.userPoolId(POOL).username("marie@example.org")).userAttributes())
                    .anySatisfy(attribute -> assertThat(attribute.value()).isEqualTo("marie@example.org"));

            cognito.adminRemoveUserFromGroup(request -> request.userPoolId(POOL).username(created.username()).groupName("org:lyon:staff"));
            assertThat(cognito.listUsersInGroup(request -> request.userPoolId(POOL).groupName("org:lyon:staff")).users()).isEmpty();
            cognito.adminDeleteUser(request -> request.userPoolId(POOL).username(created.username()));
            assertThatThrownBy(() -> cognito.adminGetUser(request -> request.userPoolId(POOL).username(created.username())))
                    .isInstanceOf(UserNotFoundException.class);
            assertThatThrownBy(() -> cognito.listUsersInGroup(request -> request.userPoolId(POOL).groupName("org:nowhere:staff")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> cognito.adminGetUser(request -> request.userPoolId("eu-west-3_other").username("x")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        // the log says what was done, never to whom
        assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("marie"));
    }

    @Test
    void aFunctionWithoutTheGrantIsRefusedAsCognitoRefusesIt() {
        try (CognitoIdentityProviderClient cognito = client(iam.credentials("ImportFunction"))) {
            assertThatThrownBy(() -> cognito.adminCreateUser(request -> request.userPoolId(POOL).username("paul@example.org")))
                    .isInstanceOfSatisfying(CognitoIdentityProviderException.class, refused -> {
                        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(refused.awsErrorDetails().errorMessage()).contains("cognito-idp:AdminCreateUser")
                                .contains("userpool/" + POOL);
                    });
        }
        assertThat(pool.find("paul@example.org")).isEmpty();
        assertThat(mailed).isEmpty();
        assertThat(log).anySatisfy(line -> assertThat(line).contains("ImportFunction").contains("cognito-idp:AdminCreateUser"));
    }

    @Test
    void invitedUsersAndTheirGroupsOutliveARestartOfAProviderThatKeepsADirectory(@TempDir Path runDirectory) {
        LocalIdentityProvider first = LocalIdentityProvider.serve(runDirectory, 0);
        String username;
        try (first) {
            playUserPool(first);
            try (CognitoIdentityProviderClient cognito = client(first, iam.credentials("ApiFunction"))) {
                cognito.createGroup(request -> request.userPoolId(POOL).groupName("org:lyon:staff"));
                username = cognito.adminCreateUser(request -> request.userPoolId(POOL).username("lea@example.org")).user().username();
                cognito.adminAddUserToGroup(request -> request.userPoolId(POOL).username(username).groupName("org:lyon:staff"));
            }
        }
        assertThat(runDirectory.resolve(LocalIdentityProvider.USER_POOL_FILE)).isRegularFile()
                .content().doesNotContain(temporaryPassword(mailed.get(0)[2]));

        LocalIdentityProvider second = LocalIdentityProvider.serve(runDirectory, 0);
        try (second) {
            LocalUserPool again = playUserPool(second);
            // the invitation's password still signs in, and the user must still choose their own
            assertThat(again.authenticate("lea@example.org", temporaryPassword(mailed.get(0)[2])))
                    .map(LocalUserPool.User::username).contains(username);
            assertThat(again.user(username).status()).isEqualTo(LocalUserPool.FORCE_CHANGE_PASSWORD);
            try (CognitoIdentityProviderClient cognito = client(second, iam.credentials("ApiFunction"))) {
                assertThat(cognito.listUsersInGroup(request -> request.userPoolId(POOL).groupName("org:lyon:staff")).users())
                        .extracting(UserType::username).containsExactly(username);
                assertThatThrownBy(() -> cognito.createGroup(request -> request.userPoolId(POOL).groupName("org:lyon:staff")))
                        .isInstanceOf(GroupExistsException.class);
                cognito.adminDeleteUser(request -> request.userPoolId(POOL).username(username));
            }
        }
        // a deletion is kept too
        try (LocalIdentityProvider third = LocalIdentityProvider.serve(runDirectory, 0)) {
            assertThat(playUserPool(third).find("lea@example.org")).isEmpty();
        }
    }

    /** The template's user pool played by {@code identity}, its invitations kept in {@link #mailed}. */
    private LocalUserPool playUserPool(LocalIdentityProvider identity) {
        return identity.playUserPool(template, resources, Map.of("PublicUrl", "http://localhost:8081"), iam,
                (to, subject, body) -> mailed.add(new String[] {to, subject, body}), log::add);
    }

    private static String temporaryPassword(String invitation) {
        return invitation.replaceAll("(?s).*mot de passe\\s+provisoire : (\\S+) .*", "$1");
    }

    private CognitoIdentityProviderClient client(Credentials credentials) {
        return client(provider, credentials);
    }

    private static CognitoIdentityProviderClient client(LocalIdentityProvider provider, Credentials credentials) {
        return CognitoIdentityProviderClient.builder().endpointOverride(provider.endpoint()).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), credentials.sessionToken())))
                .build();
    }
}
