import{t as e}from"./gql-QNU_UpTW.js";var t=e(`
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