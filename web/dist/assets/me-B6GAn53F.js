import{t as e}from"./gql-D7gS5jiN.js";var t=e(`
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