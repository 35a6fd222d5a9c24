import{t as e}from"./gql-CYD0dkK8.js";var t=e(`
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