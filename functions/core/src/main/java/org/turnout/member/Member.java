package org.turnout.member;

/**
 * A person with a role in an organisation: {@code id} is the user pool's username (not the address, which stays out
 * of paths and logs), {@code status} {@code invited} until the first sign-in with the temporary password, then
 * {@code active}.
 */
public record Member(String id, String email, String role, String status) {
}
