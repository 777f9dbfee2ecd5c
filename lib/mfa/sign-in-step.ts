// What the password sign-in answers about the second step. Shared by the server and the login form
// (next-auth hands the form the error's message), so it imports nothing.

/** A correct password for an account with MFA: the form asks for the code and sends all three again. */
export const MFA_CODE_REQUIRED = "mfa_code_required";

export const INVALID_MFA_CODE_MESSAGE = "The code is incorrect or was already used. Wait for the next one.";
