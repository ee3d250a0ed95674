import { EmptyState, LinkButton } from "@/components/ui";

export default function NotFound() {
  return (
    <EmptyState
      title="Not found"
      action={
        <LinkButton href="/buyer" variant="secondary">
          Back to the dashboard
        </LinkButton>
      }
    >
      It does not exist, or it belongs to another account.
    </EmptyState>
  );
}
