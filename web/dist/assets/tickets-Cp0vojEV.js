import{t as e}from"./gql-D7gS5jiN.js";var t=e(`
  query Pickers {
    departments(first: 100, where: { active: true }) { edges { node { id name } } }
    categories(first: 100, where: { active: true }) { edges { node { id name level deadlineDays department { id } } } }
  }
`),n=e(`
  mutation DispatchTicket($id: ID!, $input: DispatchInput!) {
    dispatchTicket(id: $id, input: $input) { id status dueAt colour department { id name } category { id name } coDepartments { id name } }
  }
`),r=e(`
  mutation ReassignTicket($id: ID!, $departmentID: ID!, $reason: String!, $co: [ID!]) {
    reassignTicket(id: $id, departmentID: $departmentID, reason: $reason, coDepartmentIDs: $co) { id status dueAt department { id name } }
  }
`),i=e(`
  mutation MergeTickets($intoID: ID!, $fromIDs: [ID!]!) {
    mergeTickets(intoID: $intoID, fromIDs: $fromIDs) { id status mergedFrom { id code status } }
  }
`),a=e(`
  mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String) {
    decideExtension(id: $id, approve: $approve, note: $note) { id dueAt colour extensionDays extensionReason }
  }
`),o=e(`
  mutation AcceptTicket($id: ID!) { acceptTicket(id: $id) { id status } }
`),s=e(`
  mutation StartTicket($id: ID!) { startTicket(id: $id) { id status } }
`),c=e(`
  mutation ReturnTicket($id: ID!, $reason: String!) { returnTicket(id: $id, reason: $reason) { id status } }
`),l=e(`
  mutation RequestExtension($id: ID!, $days: Int!, $reason: String!) {
    requestExtension(id: $id, days: $days, reason: $reason) { id extensionDays extensionReason }
  }
`),u=e(`
  mutation ReplyTicket($id: ID!, $input: ReplyInput!) {
    replyTicket(id: $id, input: $input) { id status replies { id at missing } }
  }
`),d=e(`
  query TicketsByCode($codes: [String!]) {
    tickets(first: 20, where: { codeIn: $codes }) { edges { node { id code status title } } }
  }
`);export{l as a,r as c,s as d,n as i,u as l,d as n,i as o,a as r,t as s,o as t,c as u};