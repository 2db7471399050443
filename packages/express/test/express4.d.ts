// Express 4 is installed under the npm alias `express4`; its API surface used in these tests is the same
// as Express 5's, so the Express 5 types describe it.
declare module 'express4' {
  import express from 'express';
  export default express;
}
