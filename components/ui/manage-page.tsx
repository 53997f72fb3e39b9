import { Card } from "./card";
import { PageHeader } from "./page-header";

/**
 * A view that creates things and lists them (agents, users, API keys): the header, the create
 * form's card (left out for people who may not create), then the list's card.
 */
export function ManagePage({ title, description, createTitle, createForm, listTitle, children }: {
  title: string;
  description: string;
  createTitle: string;
  createForm?: React.ReactNode;
  listTitle: string;
  children: React.ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      {createForm && (
        <Card title={createTitle} className="mb-6">
          {createForm}
        </Card>
      )}
      <Card title={listTitle}>{children}</Card>
    </>
  );
}
