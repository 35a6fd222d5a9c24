import { graphql } from '../gql'

// Who is signed in. Asked after login (the login answer cannot carry the
// tenant: the caller is not signed in yet while it is resolved) and on each
// load of the console frame, so changed roles show without a new sign-in.
export const MeQuery = graphql(`
  query Me {
    me {
      id
      username
      displayName
      roles
      tenant { code name }
    }
  }
`)
