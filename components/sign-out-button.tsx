"use client";
import { useState } from "react";
import { buttonClass } from "./ui";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass.small}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await fetch("/api/auth/logout", { method: "POST", headers: { "content-type": "application/json" } }).catch(
          () => {},
        );
        window.location.assign("/login");
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
