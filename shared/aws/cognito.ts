import { AdminUserGlobalSignOutCommand, CognitoIdentityProviderClient, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';

// The staff user pool (AWS only: locally the token issuer stands in, and has no sessions to end).
const cognito = new CognitoIdentityProviderClient({});

/**
 * Cognito's global sign-out: revokes the user's refresh tokens, so no new token is issued from the old
 * sign-in. A user deleted meanwhile has nothing left to sign out.
 */
export async function globalSignOut(userPoolId: string, username: string): Promise<void> {
  try {
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
  } catch (error) {
    if (error instanceof UserNotFoundException) return;
    throw error;
  }
}
