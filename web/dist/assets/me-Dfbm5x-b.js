import{t as e}from"./gql-BVFoz8Nf.js";var t=e(`
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