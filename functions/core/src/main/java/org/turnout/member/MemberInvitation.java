package org.turnout.member;

/** Who to invite into an organisation, and as what: {@code owner}, {@code staff} or {@code volunteer}. */
public record MemberInvitation(String email, String role) {
}
