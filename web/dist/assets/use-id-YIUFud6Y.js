import{A as e,E as t,H as n,Sn as r,bn as i,k as a,lr as o}from"./index-DdGYNLk8.js";var s={prefix:Math.floor(Math.random()*1e4),current:0},c=Symbol(`elIdInjection`),l=()=>i()?r(c,s):s,u=r=>{let i=l();!e&&i===s&&n(`IdInjection`,`Looks like you are using server rendering, you must provide a id provider to ensure the hydration process to be succeed
usage: app.provide(ID_INJECTION_KEY, {
  prefix: number,
  current: number,
})`);let c=t();return a(()=>o(r)||`${c.value}-id-${i.prefix}-${i.current++}`)};export{l as n,u as t};