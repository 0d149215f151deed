import type { StaffMember } from "../../../core/types.js";
import { Csrf, Layout, type PageCtx, when } from "./layout.js";

export function StaffPage(props: { ctx: PageCtx; staff: StaffMember[]; created?: { staff: StaffMember; apiKey: string } }) {
  const csrf = props.ctx.csrf;
  return (
    <Layout ctx={props.ctx} title="Staff" active="staff">
      <h1>Staff</h1>
      {props.created ? (
        <div class="card">
          <h2>Key for {props.created.staff.name}</h2>
          <p>Copy it now: it is shown this once and only its hash is stored.</p>
          <div class="key" id="new-key">
            {props.created.apiKey}
          </div>
        </div>
      ) : null}
      <div class="grid">
        <div class="card">
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Email</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {props.staff.map((m) => (
                <tr>
                  <td>{m.name}</td>
                  <td>{m.role}</td>
                  <td>{m.email ?? ""}</td>
                  <td class="small">{when(m.createdAt)}</td>
                  <td>
                    {m.id !== props.ctx.staff.id ? (
                      <form method="post" action={`/console/staff/${m.id}/disable`} data-confirm={`Revoke ${m.name}'s key?`}>
                        <Csrf token={csrf} />
                        <button type="submit" class="secondary">
                          Revoke
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action="/console/staff" class="card">
          <h2>Add a staff member</h2>
          <Csrf token={csrf} />
          <div class="field">
            <label for="name">Name</label>
            <input id="name" type="text" name="name" required maxlength={200} />
          </div>
          <div class="field">
            <label for="email">Email (optional)</label>
            <input id="email" type="text" name="email" />
          </div>
          <div class="field">
            <label for="role">Role</label>
            <select id="role" name="role">
              <option value="agent">agent</option>
              <option value="admin">admin</option>
            </select>
          </div>
          <button type="submit">Create and show key</button>
        </form>
      </div>
    </Layout>
  );
}
