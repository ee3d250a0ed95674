// The editor's value shape and blank state. Kept out of the "use client" form module: a server
// component importing a value from a client module only gets a reference, not the object.

export type CampaignFormValues = {
  name: string;
  vertical: string;
  subVertical: string;
  states: string[];
  zips: string;
  filters: { field: string; op: string; value: string }[];
  pricePerLead: string;
  bidType: "fixed" | "dynamic";
  pingUrl: string;
  dailyCap: string;
  hourlyCap: string;
  monthlyCap: string;
  dailyBudget: string;
  scheduleOn: boolean;
  timezone: string;
  days: number[];
  startHour: string;
  endHour: string;
  exclusive: boolean;
  pingPostEnabled: boolean;
  returnWindowHours: string;
  priority: string;
  status: "active" | "paused";
  deliveryMethod: "portal" | "webhook" | "http_post";
  deliveryUrl: string;
  deliveryPreset: boolean;
  deliveryToken: string;
  deliveryMapping: string;
  deliveryConstants: string;
  deliverySynchronous: boolean;
};

export const EMPTY_CAMPAIGN: CampaignFormValues = {
  name: "",
  vertical: "",
  subVertical: "",
  states: [],
  zips: "",
  filters: [],
  pricePerLead: "",
  bidType: "fixed",
  pingUrl: "",
  dailyCap: "",
  hourlyCap: "",
  monthlyCap: "",
  dailyBudget: "",
  scheduleOn: false,
  timezone: "America/New_York",
  days: [1, 2, 3, 4, 5],
  startHour: "8",
  endHour: "20",
  exclusive: false,
  pingPostEnabled: false,
  returnWindowHours: "48",
  priority: "1",
  status: "active",
  deliveryMethod: "portal",
  deliveryUrl: "",
  deliveryPreset: true,
  deliveryToken: "",
  deliveryMapping: "",
  deliveryConstants: "",
  deliverySynchronous: true,
};
