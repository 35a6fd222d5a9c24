import{t as e}from"./gql-6Xa2yqhH.js";var t=e(`
  query Me {
    me {
      id
      username
      displayName
      roles
      tenant { code name }
    }
  }
`);export{t};